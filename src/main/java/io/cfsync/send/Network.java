package io.cfsync.send;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * How connections leave the machine: through which proxy ({@link ProxyRules}) and trusting which extra CAs
 * (PEM bundles added to the default trust store). Immutable.
 */
public record Network(ProxyRules proxies, List<Path> caFiles) {
    /** Direct connections, the default trust store. */
    public static final Network DIRECT = new Network(ProxyRules.DIRECT, List.of());

    public Network {
        Objects.requireNonNull(proxies);
        caFiles = List.copyOf(caFiles);
    }
}
