package io.cfsync.input;

import io.cfsync.input.s3.S3Inputs;
import java.util.List;

/**
 * {@code s3://bucket/prefix} arguments. Kept apart from {@link Inputs} so that the S3 client's classes load only
 * when such an argument is given: a run over local files never starts them. Stateless.
 */
final class ObjectStores {
    private ObjectStores() {
    }

    static List<InputSource> resolve(String uri, Inputs.Options options) throws InputException {
        String rest = uri.substring(5);
        int slash = rest.indexOf('/');
        String bucket = slash < 0 ? rest : rest.substring(0, slash);
        String prefix = slash < 0 ? "" : rest.substring(slash + 1);
        if (bucket.isEmpty()) {
            throw new InputException("no bucket in " + uri + ": give s3://BUCKET or s3://BUCKET/PREFIX");
        }
        return S3Inputs.resolve("s3://" + bucket + "/" + prefix, bucket, prefix, options.s3Endpoint(),
                options.pruning(), options.reach());
    }
}
