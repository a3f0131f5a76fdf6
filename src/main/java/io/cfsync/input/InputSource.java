package io.cfsync.input;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One input: a file, or standard input when {@code path} is null. gzip is recognised by its magic bytes, whatever
 * the name says; concatenated gzip members are read as one stream. Damaged gzip data fails with an
 * {@link IOException} of its own kind, which {@link EventReader} reports with the input's name.
 *
 * @param name the name shown in output: the path as given (or found in a folder), {@code -} for stdin
 */
public record InputSource(String name, Path path) {
    public static final String STDIN = "-";

    public boolean isStdin() {
        return path == null;
    }

    /** Opens the decoded byte stream; {@code stdin} is used for standard input. */
    public InputStream open(InputStream stdin) throws IOException {
        return open(stdin, ReadMeter.NONE);
    }

    /** As {@link #open(InputStream)}, with the bytes as stored counted by {@code meter}. */
    public InputStream open(InputStream stdin, ReadMeter meter) throws IOException {
        InputStream raw = meter.count(isStdin() ? stdin : Files.newInputStream(path));
        BufferedInputStream in = new BufferedInputStream(raw, 1 << 16);
        in.mark(2);
        int b1 = in.read();
        int b2 = in.read();
        in.reset();
        if (b1 == 0x1f && b2 == 0x8b) {
            return new BufferedInputStream(GzipDamage.inflate(in, 1 << 16), 1 << 16);
        }
        return in;
    }
}
