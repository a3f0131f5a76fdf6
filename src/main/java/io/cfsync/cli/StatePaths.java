package io.cfsync.cli;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Map;

/** Where ledgers live by default: {@code $XDG_STATE_HOME/cf-sync/<dest>.db}, else {@code ~/.local/state/cf-sync/}. */
final class StatePaths {
    private StatePaths() {
    }

    static Path folder(Map<String, String> env) {
        String xdg = env.get("XDG_STATE_HOME");
        if (xdg != null && !xdg.isBlank()) {
            return Paths.get(xdg, "cf-sync");
        }
        String home = env.getOrDefault("HOME", System.getProperty("user.home"));
        return Paths.get(home, ".local", "state", "cf-sync");
    }

    static Path forDestination(Map<String, String> env, String dest) {
        return folder(env).resolve(dest + ".db");
    }
}
