package io.cfsync.faults;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a child under another host name (its own UTS namespace, {@code unshare --uts}, which needs root or user
 * namespaces), as a run on another machine sharing the ledger's file system would be. Stateless.
 */
final class OtherHost {
    private OtherHost() {
    }

    /** Whether this machine lets a process take a host name of its own. */
    static boolean available() {
        try {
            Process p = new ProcessBuilder("unshare", "--uts", "sh", "-c", "hostname cf-sync-probe")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (java.io.IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** {@code command} run on a host called {@code host}. */
    static List<String> named(String host, List<String> command) {
        List<String> out = new ArrayList<>(List.of("unshare", "--uts", "sh", "-c", "hostname \"$0\" && exec \"$@\"",
                host));
        out.addAll(command);
        return out;
    }
}
