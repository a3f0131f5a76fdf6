package io.cfsync.state;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * Names a process so that a lease outlives neither its holder nor a pid reused by another process, without any
 * wall clock: on Linux the tag is {@code <boot id>/<pid namespace>/<start time in clock ticks since boot>}, read
 * from {@code /proc}. A wall-clock start time (what {@link ProcessHandle.Info#startInstant()} gives) moves when the
 * clock is stepped, so it is kept for people and for leases of older versions only. Stateless.
 */
final class ProcessTag {
    private static final Path PROC = Path.of("/proc");

    private ProcessTag() {
    }

    /** This process's tag, or null where {@code /proc} does not tell. */
    static String self() {
        return of(ProcessHandle.current().pid());
    }

    /** The tag of {@code pid} as this process sees it, or null when unknown (no such process, no {@code /proc}). */
    static String of(long pid) {
        try {
            String stat = Files.readString(PROC.resolve(pid + "/stat"), StandardCharsets.US_ASCII);
            // The command name (field 2) may hold spaces and parentheses: count fields after its closing one.
            String[] rest = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
            return machine() + "/" + rest[19];
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /**
     * The boot and pid namespace that pids of this process refer to: two processes see each other's pids only
     * when these are the same (a container with the host's name but its own pid namespace is another machine).
     */
    static String machine() throws IOException {
        String boot = Files.readString(PROC.resolve("sys/kernel/random/boot_id"), StandardCharsets.US_ASCII).trim();
        return boot + "/" + Files.readSymbolicLink(PROC.resolve("self/ns/pid")).toString();
    }

    /** The part of {@code tag} naming its machine (boot and pid namespace). */
    static String machineOf(String tag) {
        return tag.substring(0, tag.lastIndexOf('/'));
    }

    /** Whether the process that took a lease still runs, judged by tag when there is one. */
    static boolean running(Lease l) {
        ProcessHandle h = ProcessHandle.of(l.pid()).filter(ProcessHandle::isAlive).orElse(null);
        if (h == null) {
            return false;
        }
        if (l.processTag() != null) {
            String now = of(l.pid());
            if (now != null) {
                return now.equals(l.processTag());
            }
        }
        // A lease of an older version: its wall-clock start is all there is to tell a reused pid by.
        return l.processStart() == null || h.info().startInstant().map(Instant::toString)
                .map(l.processStart()::equals).orElse(true);
    }

    /** {@link #machine()}, or null where it cannot be read. */
    static String machineOrNull() {
        try {
            return machine();
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
