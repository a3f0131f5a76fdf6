package io.cfsync.testkit;

import io.cfsync.Main;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Runs the whole program in-process, as a user would from a shell, and captures what it prints. */
public final class Cli {
    /** What one run printed and returned. */
    public record Result(int exit, String out, String err) {
    }

    private Cli() {
    }

    public static Result run(String... args) {
        return run(new byte[0], Map.of(), args);
    }

    /**
     * Runs with {@code env} as the whole environment. Unless the test sets {@code XDG_STATE_HOME}, it points to a
     * fresh temporary folder, so default ledgers never leak between runs or into the real home folder; likewise
     * {@code XDG_CONFIG_HOME} (unless the test sets it or {@code HOME}), so no config file is found by default.
     */
    public static Result run(byte[] stdin, Map<String, String> env, String... args) {
        if (!env.containsKey("XDG_CONFIG_HOME") && !env.containsKey("HOME")) {
            // Nor does a config file in the real home folder change what a test sees.
            Map<String, String> withConfig = new java.util.HashMap<>(env);
            try {
                withConfig.put("XDG_CONFIG_HOME",
                        java.nio.file.Files.createTempDirectory("cf-sync-config").toString());
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            env = withConfig;
        }
        if (!env.containsKey("XDG_STATE_HOME")) {
            Map<String, String> withState = new java.util.HashMap<>(env);
            try {
                withState.put("XDG_STATE_HOME", java.nio.file.Files.createTempDirectory("cf-sync-state").toString());
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            env = withState;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8);
        int code = Main.run(new ByteArrayInputStream(stdin), out, errStream, env, args);
        errStream.flush();
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
