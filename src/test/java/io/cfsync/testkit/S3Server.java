package io.cfsync.testkit;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStore;
import org.jclouds.blobstore.BlobStoreContext;
import org.jclouds.blobstore.domain.Blob;

/**
 * A real S3 API on loopback for tests: S3Proxy in this JVM over jclouds' in-memory store, checking AWS
 * signatures with {@link #ACCESS_KEY}/{@link #SECRET_KEY}. Objects are put through the store directly; their ETag
 * is the MD5 of their bytes. Its server threads are not daemon threads: always {@link #close}. Not thread-safe.
 */
public final class S3Server implements AutoCloseable {
    public static final String ACCESS_KEY = "AKIAS3TESTACCESS";
    public static final String SECRET_KEY = "s3-test-secret-do-not-print";

    private final BlobStoreContext context;
    private final S3Proxy proxy;

    public S3Server() throws Exception {
        context = ContextBuilder.newBuilder("transient").credentials("identity", "credential")
                .overrides(new Properties()).build(BlobStoreContext.class);
        proxy = S3Proxy.builder().blobStore(context.getBlobStore()).endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY).build();
        proxy.start();
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!"STARTED".equals(proxy.getState())) { // Jetty's name for a started server
            if (System.nanoTime() > deadline) {
                proxy.stop();
                throw new IllegalStateException("S3Proxy did not start: " + proxy.getState());
            }
            Thread.sleep(10);
        }
    }

    /**
     * Points the standard AWS chain of this JVM at the server's credentials and region (system properties, which
     * the chain reads first); closing puts back what was there.
     */
    public static AutoCloseable credentialsInThisJvm() {
        Map<String, String> saved = new HashMap<>();
        for (String[] p : new String[][] {{"aws.accessKeyId", ACCESS_KEY}, {"aws.secretAccessKey", SECRET_KEY},
            {"aws.region", "us-east-1"}}) {
            saved.put(p[0], System.getProperty(p[0]));
            System.setProperty(p[0], p[1]);
        }
        return () -> saved.forEach((k, v) -> {
            if (v == null) {
                System.clearProperty(k);
            } else {
                System.setProperty(k, v);
            }
        });
    }

    /** {@code http://127.0.0.1:<port>}, for {@code --s3-endpoint}. */
    public String endpoint() {
        return "http://127.0.0.1:" + proxy.getPort();
    }

    public BlobStore store() {
        return context.getBlobStore();
    }

    /** Creates the bucket when needed and puts {@code bytes} at {@code key} (replacing what was there). */
    public void put(String bucket, String key, byte[] bytes) {
        BlobStore s = store();
        s.createContainerInLocation(null, bucket);
        Blob b = s.blobBuilder(key).payload(bytes).contentLength(bytes.length).build();
        s.putBlob(bucket, b);
    }

    @Override
    public void close() throws Exception {
        try {
            proxy.stop();
        } finally {
            context.close();
        }
    }
}
