package io.cfsync.input;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One input: a file, an object in object storage ({@code remote}), standard input (neither), or an input found
 * in a folder and left out unread ({@code leftOut} names why: outside the time window, not event data,
 * unreadable). gzip is recognised by its magic bytes, whatever the name says; concatenated gzip members are read
 * as one stream, below every {@linkplain #framing framing}. Damaged gzip data fails with an {@link IOException} of
 * its own kind, which {@link EventReader} reports with the input's name. Immutable.
 *
 * @param name    the name shown in output: the path as given (or found in a folder), {@code s3://bucket/key}
 *                for an object, {@code -} for stdin
 * @param path    the file, or null
 * @param remote  the object, or null
 * @param leftOut why this input is not read, or null when it is
 */
public record InputSource(String name, Path path, RemoteObject remote, String leftOut) {
    public static final String STDIN = "-";

    /** A file ({@code path} not null) or standard input ({@code path} null). */
    public InputSource(String name, Path path) {
        this(name, path, null, null);
    }

    /** An object in object storage. */
    public static InputSource remote(RemoteObject object) {
        return new InputSource(object.uri(), null, object, null);
    }

    /** An input found but not read, for {@code reason}. */
    public static InputSource leftOut(String name, String reason) {
        return new InputSource(name, null, null, reason);
    }

    public boolean isStdin() {
        return path == null && remote == null && leftOut == null;
    }

    /**
     * Whether this input can be read only once, front to back, as it arrives: standard input, or a file that is
     * not a regular file (a named pipe, {@code /dev/fd/N} from a shell's process substitution, a character
     * device). Such an input is read like standard input: no resume point, since its bytes cannot be read again to
     * prove one.
     */
    public boolean isStream() {
        return isStdin() || (path != null && leftOut == null && !Files.isRegularFile(path));
    }

    /** Whether this input is read at all (false: counted as left out, by {@link #leftOut}). */
    public boolean isRead() {
        return leftOut == null;
    }

    /**
     * What the ledger knows this input by: a file's absolute normalised path ({@link RawNames#key}: its bytes
     * exactly, when they are not UTF-8); an object's {@code s3://} URI with its version,
     * {@code s3://bucket/key#etag}, so that a replaced object is a new input; null for standard input, pipes and
     * other {@linkplain #isStream streams}, and inputs left out.
     */
    public String ledgerKey() {
        if (path != null) {
            return isStream() ? null : RawNames.key(path);
        }
        return remote == null ? null : versionsKey() + (remote.version() == null ? "" : remote.version()
                .replace("\"", ""));
    }

    /**
     * The key cf-sync recorded this file under before names were keyed by their bytes, when it differs from
     * {@link #ledgerKey}: the path as text, in which every byte that is not UTF-8 became a replacement character,
     * so it may be shared by several files and never vouches for this one. Null otherwise.
     */
    public String legacyLedgerKey() {
        String key = ledgerKey();
        if (key == null || remote != null) {
            return null;
        }
        String legacy = path.toAbsolutePath().normalize().toString();
        return legacy.equals(key) ? null : legacy;
    }

    /** What every version of this object's {@link #ledgerKey} starts with; null for a file. */
    public String versionsKey() {
        return remote == null ? null : remote.uri() + "#";
    }

    /** The object's version tag (an S3 ETag), or null for a file: a new tag means new content. */
    public String version() {
        return remote == null ? null : remote.version();
    }

    /** How this input is cut into frames, and what a resume position in it is: by its name ({@link Framings}). */
    public Framing framing() {
        return Framings.of(name);
    }

    /** Opens the decoded byte stream; {@code stdin} is used for standard input. */
    public InputStream open(InputStream stdin) throws IOException {
        return open(stdin, ReadMeter.NONE);
    }

    /** As {@link #open(InputStream)}, with the bytes as stored counted by {@code meter}. */
    public InputStream open(InputStream stdin, ReadMeter meter) throws IOException {
        if (leftOut != null) {
            throw new IOException(name + " is not read (" + leftOut + ")");
        }
        InputStream raw = meter.count(remote != null ? remote.open() : isStdin() ? stdin : openFile());
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

    /**
     * A regular file through NIO; anything else through a {@link java.io.FileInputStream}, whose
     * {@code available()} asks the pipe itself: the NIO stream's asks for a position, which a pipe does not have
     * ("Illegal seek").
     */
    private InputStream openFile() throws IOException {
        return Files.isRegularFile(path) ? Files.newInputStream(path) : new java.io.FileInputStream(path.toFile());
    }
}
