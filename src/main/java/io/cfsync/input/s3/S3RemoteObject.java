package io.cfsync.input.s3;

import io.cfsync.input.RemoteObject;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/**
 * One listed S3 object. Reads ask for the ETag the listing gave ({@code If-Match}), so the bytes read are the
 * bytes the ledger records against that tag; an object replaced in between fails the read instead of being
 * mixed up with the old one. A stream closed before its end is aborted, not drained. Thread-safe.
 */
final class S3RemoteObject implements RemoteObject {
    private final S3Client client;
    private final String bucket;
    private final String key;
    private final String etag;

    S3RemoteObject(S3Client client, String bucket, String key, String etag) {
        this.client = client;
        this.bucket = bucket;
        this.key = key;
        this.etag = etag;
    }

    @Override
    public String uri() {
        return "s3://" + bucket + "/" + key;
    }

    @Override
    public String version() {
        return etag;
    }

    @Override
    public InputStream open() throws IOException {
        return get(null);
    }

    /** Up to the first {@code n} bytes. */
    byte[] head(int n) throws IOException {
        try (InputStream in = get("bytes=0-" + (n - 1))) {
            return in.readNBytes(n);
        }
    }

    private InputStream get(String range) throws IOException {
        GetObjectRequest.Builder req = GetObjectRequest.builder().bucket(bucket).key(key).range(range);
        if (etag != null) {
            req.ifMatch(etag);
        }
        ResponseInputStream<GetObjectResponse> in;
        try {
            in = client.getObject(req.build());
        } catch (SdkException e) {
            throw new IOException("cannot read " + uri() + ": " + S3Words.of(e, null), e);
        }
        return new Aborting(in);
    }

    /** Aborts the response when closed early: draining the rest of a large object would download it all. */
    private static final class Aborting extends FilterInputStream {
        private final ResponseInputStream<?> response;
        private boolean ended;

        Aborting(ResponseInputStream<?> response) {
            super(response);
            this.response = response;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            ended |= b < 0;
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int r = super.read(b, off, len);
            ended |= r < 0;
            return r;
        }

        @Override
        public void close() throws IOException {
            if (!ended) {
                response.abort();
            }
            super.close();
        }
    }
}
