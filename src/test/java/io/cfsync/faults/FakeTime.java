package io.cfsync.faults;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;

/**
 * A child's wall clock set off or stepped with libfaketime (Debian package {@code faketime}), its monotonic clock
 * left alone, as on a host whose clock NTP or a person steps. Cases using it are skipped, saying why, where the
 * library is missing. Stateless.
 */
final class FakeTime {
    private static final List<String> PLACES = List.of("/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1",
            "/usr/lib/aarch64-linux-gnu/faketime/libfaketime.so.1", "/usr/lib/faketime/libfaketime.so.1",
            "/usr/local/lib/faketime/libfaketime.so.1");

    private FakeTime() {
    }

    /** The library, or skips the calling test when it is not installed. */
    static String library() {
        String lib = PLACES.stream().filter(p -> Files.isReadable(Path.of(p))).findFirst().orElse(null);
        Assumptions.assumeTrue(lib != null, "libfaketime is not installed (apt-get install faketime): the "
                + "stepped-clock cases are skipped");
        return lib;
    }

    /** The wall clock {@code offset} from the real one for the whole run ({@code +3m}, {@code -1h}). */
    static Map<String, String> offset(String offset) {
        return Map.of("LD_PRELOAD", library(), "FAKETIME", offset, "FAKETIME_DONT_FAKE_MONOTONIC", "1",
                // Without this, libfaketime's start-up fix for monotonic clocks slows the JVM several times over.
                "FAKETIME_FORCE_MONOTONIC_FIX", "0");
    }

    /** A wall clock that follows the offset in {@code file}, read again at every reading: see {@link #step}. */
    static Map<String, String> steppable(Path file) throws IOException {
        step(file, "+0");
        return Map.of("LD_PRELOAD", library(), "FAKETIME_TIMESTAMP_FILE", file.toString(), "FAKETIME_NO_CACHE", "1",
                "FAKETIME_DONT_FAKE_MONOTONIC", "1", "FAKETIME_FORCE_MONOTONIC_FIX", "0");
    }

    /** Steps the clocks that follow {@code file} to {@code offset} from the real time (e.g. {@code -1h}). */
    static void step(Path file, String offset) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".new");
        Files.writeString(tmp, offset + "\n", StandardCharsets.US_ASCII);
        Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }
}
