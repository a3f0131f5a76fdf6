package io.cfsync.cli;

import io.cfsync.send.Network;
import io.cfsync.send.ProxyRules;
import io.cfsync.send.TrustStores;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The way out of a company network: a forward proxy and extra certificate authorities. Each setting is read from
 * the option, else its {@code CF_SYNC_} variable, else the config file's {@code options}, else the variables curl
 * reads ({@code HTTPS_PROXY} and company, {@code SSL_CERT_FILE}).
 */
final class NetworkMixin {
    @Option(names = "--proxy", paramLabel = "URL",
            description = {"Send through this HTTP proxy,", "http://[USER:PASSWORD@]HOST[:PORT] (port 1080 when "
                    + "absent), in a CONNECT tunnel: the proxy sees the vendor's host, never the requests or "
                    + "credentials. "
                    + "Wins over CF_SYNC_PROXY, the config file's options.proxy and HTTPS_PROXY/HTTP_PROXY; "
                    + "NO_PROXY still exempts the hosts it lists. The password is redacted everywhere."})
    String proxy;

    @Option(names = "--ca-file", paramLabel = "PEM",
            description = "Also trust the certificate authorities in this PEM bundle (a company CA that inspects "
                    + "TLS), beside the default trust store, never instead of it. Default: CF_SYNC_CA_FILE, the "
                    + "config file's options.ca-file, else SSL_CERT_FILE.")
    Path caFile;

    /**
     * The network the settings describe.
     *
     * @param config the config file, or null
     * @throws UsageException when a proxy URL or CA file cannot be used
     */
    Network network(Map<String, String> env, Path config) {
        return network(env, config, true);
    }

    /**
     * The network the settings describe, checking a CA file named by the options, the variable or the config file
     * at once, but the environment's {@code SSL_CERT_FILE} (usually the whole system bundle, which takes a good part
     * of a second to parse) only when {@code tlsNow}: a dry-run of local files opens no connection.
     *
     * @throws UsageException when a proxy URL or a checked CA file cannot be used
     */
    Network network(Map<String, String> env, Path config, boolean tlsNow) {
        String[] p = first(proxy, "--proxy", env.get("CF_SYNC_PROXY"), "CF_SYNC_PROXY",
                ConfigOptions.value(config, "proxy"), "config file " + config + ": options.proxy");
        String[] ca = first(caFile == null ? null : caFile.toString(), "--ca-file", env.get("CF_SYNC_CA_FILE"),
                "CF_SYNC_CA_FILE", ConfigOptions.value(config, "ca-file"), "config file " + config
                        + ": options.ca-file");
        boolean systemBundle = ca[0] == null && env.get("SSL_CERT_FILE") != null
                && !env.get("SSL_CERT_FILE").isBlank();
        if (systemBundle) {
            ca = new String[] {env.get("SSL_CERT_FILE"), "SSL_CERT_FILE"};
        }
        try {
            ProxyRules rules = ProxyRules.of(p[0], p[1], env);
            List<Path> cas = ca[0] == null ? List.of() : List.of(Path.of(ca[0]));
            if (tlsNow || !systemBundle) {
                cas.forEach(TrustStores::read);
            }
            return new Network(rules, cas);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    /** The network the proxy variables and {@code SSL_CERT_FILE} alone describe, for commands without the options. */
    static Network fromEnvironment(Map<String, String> env) {
        return new NetworkMixin().network(env, null);
    }

    /** For {@code --verbose}: the way to {@code url}'s host. */
    static void describe(Network network, String url, PrintStream err) {
        URI u = URI.create(url);
        err.println("cf-sync: " + network.proxies().forUrl(u).describe(u.getHost()));
        for (Path f : network.caFiles()) {
            err.println("cf-sync: trusting the CAs in " + f + " beside the default trust store");
        }
    }

    private static String[] first(String... valueThenSource) {
        for (int i = 0; i < valueThenSource.length; i += 2) {
            if (valueThenSource[i] != null && !valueThenSource[i].isBlank()) {
                return new String[] {valueThenSource[i], valueThenSource[i + 1]};
            }
        }
        return new String[] {null, null};
    }
}
