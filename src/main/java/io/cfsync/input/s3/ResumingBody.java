package io.cfsync.input.s3;

import io.cfsync.input.InputUnavailableException;
import java.io.IOException;
import java.io.InputStream;

/**
 * An S3 object's body that ends only at the object's length. A body that ends early (the connection closed, or
 * reset, after N bytes) is resumed with a ranged read from byte N, pinned to the listed ETag; a resumed answer
 * must carry that ETag and the rest's length, for stores that ignore {@code If-Match}. After {@link #MAX_RESUMES}
 * resumes the read stops with {@link InputUnavailableException}: an early end is never taken for the object's end,
 * which for newline-delimited text would lose the rest without a word. Not thread-safe: one reader.
 */
final class ResumingBody extends InputStream {
    /** Resumes of one read; more suggests a store or network that will not serve the object now. */
    static final int MAX_RESUMES = 5;

    /** Opens a ranged read of the object from byte {@code from}, checked against the listing. */
    interface Ranged {
        InputStream from(long from) throws IOException;
    }

    private final String uri;
    private final long length;
    private final Ranged ranged;
    private InputStream body;
    private long position;
    private int resumes;
    private boolean ended;

    /** @param length the object's length as listed (and confirmed by the first answer) */
    ResumingBody(String uri, long length, InputStream first, Ranged ranged) {
        this.uri = uri;
        this.length = length;
        this.body = first;
        this.ranged = ranged;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int r = read(one, 0, 1);
        return r < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        while (!ended) {
            int r;
            IOException failure = null;
            try {
                r = body.read(b, off, len);
            } catch (IOException e) {
                r = -1;
                failure = e;
            }
            if (r > 0) {
                position += r;
                if (position > length) {
                    throw new InputUnavailableException(uri + ": more bytes came than the " + length + " listed; "
                            + "the object changed while it was read");
                }
                return r;
            }
            if (position == length) { // every byte came: a reset after the last one changes nothing
                ended = true;
            } else if (r < 0) {
                resume(failure);
            }
        }
        return -1;
    }

    /** Reads on from where the body ended; stops the read once resumes are used up. */
    private void resume(IOException failure) throws IOException {
        abort(body);
        while (true) {
            if (resumes == MAX_RESUMES) {
                throw new InputUnavailableException(uri + ": the store ended the body early " + (MAX_RESUMES + 1)
                        + " times, the last after " + position + " of " + length + " bytes"
                        + (failure == null ? "" : " (" + failure.getMessage() + ")") + "; stopped with the rest of "
                        + "the object unread", failure);
            }
            resumes++;
            try {
                body = ranged.from(position);
                return;
            } catch (InputUnavailableException e) {
                throw e;
            } catch (IOException e) {
                failure = e;
            }
        }
    }

    private static void abort(InputStream in) {
        try {
            in.close();
        } catch (IOException e) {
            // the connection is gone already; nothing to give back
        }
    }

    @Override
    public void close() throws IOException {
        body.close();
    }
}
