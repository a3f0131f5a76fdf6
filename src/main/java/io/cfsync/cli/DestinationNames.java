package io.cfsync.cli;

import io.cfsync.dest.Destination;
import io.cfsync.dest.Destinations;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * "Did you mean …?" for destination names: close misspellings ({@code custommerio}), and the other names people
 * call a vendor by — its own name ({@code Customer.io}), the keys of Segment's {@code integrations} object, and a
 * few common short forms ({@code cio}) — which are suggested, not accepted, so that one spelling stays canonical.
 * Stateless.
 */
final class DestinationNames {
    /** Short forms in common use, by destination. */
    private static final Map<String, String> SHORT = Map.of("cio", "customerio", "cfai", "customfit");

    private DestinationNames() {
    }

    /** {@code "; did you mean 'customerio'?"}, or empty when no destination is near {@code typed}. */
    static String didYouMean(String typed) {
        List<String> names = new ArrayList<>();
        Map<String, String> aliases = new LinkedHashMap<>(SHORT);
        for (Destination d : Destinations.all()) {
            names.add(d.name());
            aliases.put(d.title(), d.name());
            d.integrationKeys().forEach(k -> aliases.put(k, d.name()));
        }
        return Suggestions.didYouMean(typed, names, aliases, true);
    }
}
