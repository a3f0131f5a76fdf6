package io.cfsync.cli;

import io.cfsync.input.Inputs;
import io.cfsync.send.Network;
import io.cfsync.send.ProxyRules;
import io.cfsync.send.TrustStores;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The way to an S3 endpoint, by the same rules as the vendor's: the proxy {@link ProxyRules} picks for the
 * endpoint's host ({@code s3.amazonaws.com} without {@code --s3-endpoint}), and the default trust store plus
 * {@code --ca-file} and {@code AWS_CA_BUNDLE}, which the aws CLI reads. Stateless.
 */
final class S3Reach {
    private static final String AWS_HOST = "https://s3.amazonaws.com";

    private S3Reach() {
    }

    /**
     * @param err     where the verbose line goes
     * @param verbose whether to say which proxy S3 goes through
     */
    static Inputs.Reach of(Network network, String endpoint, Map<String, String> env, PrintStream err,
                           boolean verbose) {
        URI target = URI.create(endpoint != null ? endpoint : AWS_HOST);
        ProxyRules.Choice c = network.proxies().forUrl(target);
        if (verbose) {
            err.println("cf-sync: S3: " + c.describe(target.getHost()));
        }
        List<Path> cas = new ArrayList<>(network.caFiles());
        String bundle = env.get("AWS_CA_BUNDLE");
        if (bundle != null && !bundle.isBlank()) {
            try {
                TrustStores.read(Path.of(bundle));
            } catch (IllegalArgumentException e) {
                throw new UsageException("AWS_CA_BUNDLE: " + e.getMessage());
            }
            cas.add(Path.of(bundle));
        }
        ProxyRules.Proxy p = c.proxy();
        return new Inputs.Reach(p == null ? null : URI.create("http://" + p.host() + ":" + p.port()),
                p == null ? null : p.user(), p == null ? null : p.password(),
                cas.isEmpty() ? null : TrustStores.trustManager(cas));
    }
}
