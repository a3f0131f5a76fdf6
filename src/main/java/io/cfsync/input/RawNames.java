package io.cfsync.input;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * File names as the file system holds them. On Linux a name is bytes, not necessarily UTF-8, and Java shows bytes it
 * cannot decode as replacement characters, so two names that differ only in such bytes print the same: as inputs
 * they would share one ledger row and one name in every report. A {@link Path} still keeps the bytes (a file found
 * in a folder is opened by them), and {@link Path#toUri} spells each byte out ({@code %FF}); this class reads them
 * back from there.
 *
 * <p>Names whose bytes are valid UTF-8, and which Java decodes faithfully, keep the form they always had (the path
 * as text), so ledgers written before go on resuming them. Any other name is keyed by its {@code file://} URI,
 * which holds its bytes exactly, percent-encoded, and can never equal a plain absolute path. Stateless.
 */
final class RawNames {
    /** Java decodes names as UTF-8, so a name without a replacement character is the UTF-8 of its bytes. */
    private static final boolean UTF8_NAMES = "UTF-8".equalsIgnoreCase(System.getProperty("sun.jnu.encoding"));

    private RawNames() {
    }

    /** What the ledger knows the file {@code p} by: its absolute path, or its URI when the path is not UTF-8. */
    static String key(Path p) {
        Path abs = p.toAbsolutePath().normalize();
        return faithful(abs) ? abs.toString() : abs.toUri().toString();
    }

    /** A relative path as inputs are named: parts joined by {@code /}, as {@link #shown}. */
    static String slashed(Path p) {
        return "/".equals(p.getFileSystem().getSeparator()) ? shown(p) : p.toString().replace('\\', '/');
    }

    /** The path as it is shown: as text, each byte that is not part of valid UTF-8 written {@code \xHH}. */
    static String shown(Path p) {
        if (faithful(p)) {
            return p.toString();
        }
        byte[] b = bytes(p);
        StringBuilder out = new StringBuilder(b.length + 16);
        int i = 0;
        while (i < b.length) {
            int n = b[i] >= 0 ? 1 : Utf8.sequenceLength(b, i, b.length);
            if (n == 0) {
                out.append(String.format("\\x%02X", b[i] & 0xff));
                i++;
            } else {
                out.append(new String(b, i, n, StandardCharsets.UTF_8));
                i += n;
            }
        }
        return out.toString();
    }

    /** Whether {@code p} as text stands for exactly its bytes: valid UTF-8, decoded as such. */
    static boolean faithful(Path p) {
        if (!"/".equals(p.getFileSystem().getSeparator())) {
            return true; // Windows names are UTF-16 text, held as such
        }
        if (UTF8_NAMES && p.toString().indexOf('\uFFFD') < 0) {
            return true;
        }
        byte[] b = bytes(p);
        return Utf8.isValid(b, 0, b.length) && new String(b, StandardCharsets.UTF_8).equals(p.toString());
    }

    /** The bytes of {@code p} as the file system holds them (relative paths stay relative). */
    static byte[] bytes(Path p) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (p.getRoot() != null) {
            out.write('/');
        }
        Path root = p.getFileSystem().getRootDirectories().iterator().next();
        for (int i = 0; i < p.getNameCount(); i++) {
            if (i > 0) {
                out.write('/');
            }
            // One name under the root: its URI is "/" and the name's bytes percent-encoded (a folder's ends in "/").
            String raw = root.resolve(p.getName(i)).toUri().getRawPath();
            int end = raw.endsWith("/") && raw.length() > 1 ? raw.length() - 1 : raw.length();
            decodePercent(raw, raw.lastIndexOf('/', end - 1) + 1, end, out);
        }
        return out.toByteArray();
    }

    private static void decodePercent(String s, int from, int to, ByteArrayOutputStream out) {
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c == '%' && i + 2 < to) {
                out.write(Integer.parseInt(s, i + 1, i + 3, 16));
                i += 2;
            } else {
                out.write(c);
            }
        }
    }

}
