package io.cfsync.input;

import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Damaged gzip data: the stream ends before its last member does, or does not inflate. Raised only by the gzip
 * layer, so the reader can tell it from a failing disk and name the input and the last line read.
 */
final class GzipDamage extends IOException {
    private final boolean truncated;

    private GzipDamage(boolean truncated, Throwable cause) {
        super(truncated ? "gzip data ends early" : "gzip data is corrupt", cause);
        this.truncated = truncated;
    }

    boolean truncated() {
        return truncated;
    }

    /** Inflates {@code in}, turning the gzip layer's end-of-data and format errors into {@link GzipDamage}. */
    static InputStream inflate(InputStream in, int bufferSize) throws IOException {
        try {
            return new Guard(new GZIPInputStream(in, bufferSize));
        } catch (EOFException | ZipException e) {
            in.close(); // the caller never gets a stream to close
            throw new GzipDamage(e instanceof EOFException, e);
        }
    }

    private static final class Guard extends FilterInputStream {
        Guard(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            try {
                return super.read();
            } catch (EOFException e) {
                throw new GzipDamage(true, e);
            } catch (ZipException e) {
                throw new GzipDamage(false, e);
            }
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            try {
                return super.read(b, off, len);
            } catch (EOFException e) {
                throw new GzipDamage(true, e);
            } catch (ZipException e) {
                throw new GzipDamage(false, e);
            }
        }
    }
}
