package io.cfsync.input;

import java.io.IOException;
import java.io.InputStream;

/**
 * One object in object storage, as listed: read as a stream, never copied to disk. Implementations are
 * thread-safe; each {@link #open} is a new stream.
 */
public interface RemoteObject {
    /** Its address, {@code s3://bucket/key}: its name in output and in the ledger. */
    String uri();

    /** The version tag the listing gave (an S3 ETag): the same tag means the same bytes. */
    String version();

    /** Streams the object's stored bytes (still gzip-compressed when they are). */
    InputStream open() throws IOException;
}
