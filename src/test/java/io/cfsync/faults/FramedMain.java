package io.cfsync.faults;

import io.cfsync.Main;
import io.cfsync.input.Framings;
import io.cfsync.input.lengthprefixed.LengthPrefixed;

/** {@code cf-sync} in a child JVM that also reads the length-prefixed format known only to tests. */
public final class FramedMain {
    private FramedMain() {
    }

    public static void main(String[] args) {
        Framings.register(LengthPrefixed.FRAMING);
        Main.main(args);
    }
}
