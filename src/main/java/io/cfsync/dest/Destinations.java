package io.cfsync.dest;

import io.cfsync.dest.customerio.CustomerIoDestination;
import io.cfsync.dest.custify.CustifyDestination;
import io.cfsync.dest.customfit.CustomFitDestination;
import io.cfsync.dest.kustomer.KustomerDestination;
import java.util.List;
import java.util.stream.Collectors;

/** The registry: every destination the tool knows, in the order they are listed. Add one line per vendor. */
public final class Destinations {
    private static final List<Destination> ALL = List.of(
            new CustomerIoDestination(),
            new CustifyDestination(),
            new KustomerDestination(),
            new CustomFitDestination());

    private Destinations() {
    }

    public static List<Destination> all() {
        return ALL;
    }

    /** The destination with this {@code --dest} name (case-insensitive), or null. */
    public static Destination find(String name) {
        for (Destination d : ALL) {
            if (d.name().equalsIgnoreCase(name)) {
                return d;
            }
        }
        return null;
    }

    public static String names() {
        return ALL.stream().map(Destination::name).collect(Collectors.joining(", "));
    }
}
