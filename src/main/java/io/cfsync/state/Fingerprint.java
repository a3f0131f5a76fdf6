package io.cfsync.state;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Identifies a file by the SHA-256 of its first bytes (up to {@value #SIZE}), so a rotated or rewritten file is
 * noticed while an appended one is recognised: the check hashes the same number of bytes of the current file.
 *
 * @param length how many leading bytes were hashed
 * @param sha256 their hash, lower-case hex
 */
public record Fingerprint(int length, String sha256) {
    public static final int SIZE = 4096;

    public static Fingerprint of(Path file) throws IOException {
        return of(file, SIZE);
    }

    private static Fingerprint of(Path file, int max) throws IOException {
        byte[] buf = new byte[max];
        int n = 0;
        try (InputStream in = Files.newInputStream(file)) {
            int r;
            while (n < max && (r = in.read(buf, n, max - n)) > 0) {
                n += r;
            }
        }
        return new Fingerprint(n, hash(buf, n));
    }

    /** True when {@code file} still starts with the bytes this fingerprint was taken from. */
    public boolean matches(Path file) throws IOException {
        if (Files.size(file) < length) {
            return false;
        }
        return of(file, length).sha256.equals(sha256);
    }

    @Override
    public String toString() {
        return length + ":" + sha256;
    }

    public static Fingerprint parse(String s) {
        int colon = s.indexOf(':');
        return new Fingerprint(Integer.parseInt(s.substring(0, colon)), s.substring(colon + 1));
    }

    static String hash(byte[] b, int n) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(b, 0, n);
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
