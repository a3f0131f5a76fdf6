package io.cfsync.input.s3;

import io.cfsync.input.ContentSniff;
import io.cfsync.input.InputException;
import io.cfsync.input.InputSource;
import io.cfsync.input.Inputs;
import io.cfsync.input.LeftOut;
import io.cfsync.input.Pruning;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The objects under an {@code s3://bucket/prefix}, in key order, as inputs: as a folder, a prefix that does not
 * end in {@code /} takes the object of that very key and the keys under {@code prefix/}. An object is read when
 * its name says it holds events ({@code .ndjson}, {@code .jsonl}, {@code .json}, any {@code .gz}) or its first
 * bytes do (fetched with a ranged read); objects whose key proves them outside the time window are left out
 * without being read at all. Nothing is copied to disk. Stateless.
 */
public final class S3Inputs {
    private S3Inputs() {
    }

    /**
     * @param endpoint an S3-compatible endpoint, or null for AWS
     * @param reach    the proxy and TLS trust to use
     */
    public static List<InputSource> resolve(String given, String bucket, String prefix, String endpoint,
                                            Pruning pruning, Inputs.Reach reach) throws InputException {
        S3Client client = S3Clients.create(endpoint, reach);
        List<InputSource> out = new ArrayList<>();
        try {
            ListObjectsV2Request req = ListObjectsV2Request.builder().bucket(bucket).prefix(prefix).build();
            for (S3Object o : client.listObjectsV2Paginator(req).contents()) {
                String key = o.key();
                if (!under(prefix, key) || key.endsWith("/")) {
                    continue; // a neighbour sharing the prefix's text, or a folder marker
                }
                out.add(classify(client, bucket, key, o, pruning));
            }
        } catch (SdkException e) {
            throw new InputException("cannot list " + given + ": " + S3Words.of(e, endpoint));
        }
        LeftOut.requireSome(given, out, "prefix");
        return out;
    }

    private static boolean under(String prefix, String key) {
        return prefix.isEmpty() || prefix.endsWith("/") || key.equals(prefix) || key.startsWith(prefix + "/");
    }

    private static InputSource classify(S3Client client, String bucket, String key, S3Object listed,
                                        Pruning pruning) {
        S3RemoteObject object = new S3RemoteObject(client, bucket, key, listed.eTag(),
                listed.size() == null ? -1 : listed.size());
        if (pruning.outside(bucket + "/" + key)) {
            return InputSource.leftOut(object.uri(), LeftOut.OUTSIDE);
        }
        String name = key.substring(key.lastIndexOf('/') + 1);
        if (Inputs.eventFile(name) || name.toLowerCase(java.util.Locale.ROOT).endsWith(".gz")) {
            return InputSource.remote(object);
        }
        byte[] head;
        try {
            head = object.head(ContentSniff.WINDOW);
        } catch (java.io.IOException e) {
            return InputSource.leftOut(object.uri(), LeftOut.UNREADABLE);
        }
        ContentSniff.Kind kind = ContentSniff.of(head, head.length);
        if (kind.events()) {
            return InputSource.remote(object);
        }
        return InputSource.leftOut(object.uri(), kind == ContentSniff.Kind.EMPTY ? LeftOut.EMPTY : LeftOut.NOT_EVENTS);
    }
}
