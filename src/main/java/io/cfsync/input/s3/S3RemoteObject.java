package io.cfsync.input.s3;

import io.cfsync.input.InputUnavailableException;
import io.cfsync.input.RemoteObject;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/**
 * One listed S3 object. Reads ask for the ETag the listing gave ({@code If-Match}), and check the ETag and length
 * of each answer too, for stores that ignore {@code If-Match}: the bytes read are the bytes the ledger records
 * against that tag, and an object replaced in between stops the read ({@link InputUnavailableException}) instead
 * of being mixed up with the old one. A body that ends before the object's length is resumed from where it ended
 * ({@link ResumingBody}). A stream closed before its end is aborted, not drained. Thread-safe.
 */
final class S3RemoteObject implements RemoteObject {
    private final S3Client client;
    private final String bucket;
    private final String key;
    private final String etag;
    private final long size;

    /** @param size the length the listing gave, or -1 when it gave none */
    S3RemoteObject(S3Client client, String bucket, String key, String etag, long size) {
        this.client = client;
        this.bucket = bucket;
        this.key = key;
        this.etag = etag;
        this.size = size;
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
        ResponseInputStream<GetObjectResponse> first = get(null);
        Long answered = first.response().contentLength();
        long length = size >= 0 ? size : answered == null ? -1 : answered;
        if (length < 0) {
            return new Aborting(first); // no length to hold the body to
        }
        try {
            check(first.response(), length, 0);
        } catch (IOException e) {
            first.abort();
            throw e;
        }
        return new ResumingBody(uri(), length, new Aborting(first), from -> resumed(length, from));
    }

    /** Up to the first {@code n} bytes. */
    byte[] head(int n) throws IOException {
        try (InputStream in = new Aborting(get("bytes=0-" + (n - 1)))) {
            return in.readNBytes(n);
        }
    }

    /** The rest of the object from byte {@code from}, checked to be the rest of the same object. */
    private InputStream resumed(long length, long from) throws IOException {
        ResponseInputStream<GetObjectResponse> rest = get("bytes=" + from + "-");
        try {
            check(rest.response(), length - from, from);
        } catch (IOException e) {
            rest.abort();
            throw e;
        }
        return new Aborting(rest);
    }

    /** Stops the read when the answer is not {@code expected} bytes of the listed object from byte {@code from}. */
    private void check(GetObjectResponse r, long expected, long from) throws IOException {
        if (etag != null && r.eTag() != null && !bare(etag).equals(bare(r.eTag()))) {
            throw changed("its ETag is now " + r.eTag() + ", was " + etag);
        }
        Long got = r.contentLength();
        if (got != null && got != expected) {
            throw changed((from == 0 ? "" : "reading on from byte " + from + ", ") + "the store offered "
                    + got + " bytes where " + expected + " were due");
        }
    }

    private InputUnavailableException changed(String how) {
        return new InputUnavailableException(uri() + " changed since it was listed (" + how + "); run again to "
                + "read it as it is now");
    }

    private static String bare(String tag) {
        String t = tag.startsWith("W/") ? tag.substring(2) : tag;
        return t.replace("\"", "");
    }

    private ResponseInputStream<GetObjectResponse> get(String range) throws IOException {
        GetObjectRequest.Builder req = GetObjectRequest.builder().bucket(bucket).key(key).range(range);
        if (etag != null) {
            req.ifMatch(etag);
        }
        try {
            return client.getObject(req.build());
        } catch (SdkException e) {
            String why = "cannot read " + uri() + (range == null ? "" : " (" + range + ")") + ": "
                    + S3Words.of(e, null);
            // A 412 is the If-Match refused: the object changed, which no retry of this run can mend.
            if (e instanceof AwsServiceException s && s.statusCode() == 412) {
                throw new InputUnavailableException(why, e);
            }
            throw new IOException(why, e);
        }
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
