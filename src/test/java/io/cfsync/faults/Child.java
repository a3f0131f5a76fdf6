package io.cfsync.faults;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One {@code cf-sync send} run in its own JVM (java from {@code java.home}, this JVM's class path,
 * {@code io.cfsync.Main}), so it can be killed with SIGKILL, SIGTERM or SIGINT like a real process. Every run of a
 * case has the same command line; the API key comes from the environment, so fixing it does not change the
 * command. Not thread-safe.
 */
final class Child {
    static final String SITE = "site-f";

    /** The files one case's runs share. */
    record RunFiles(Path input, Path state, Path deadLetter, Path outcomes, Path report, Path work) {
    }

    private final Process process;

    private Child(Process process) {
        this.process = process;
    }

    /** The command every run of {@code sc} uses. */
    static List<String> command(Scenario sc, String baseUrl, RunFiles f) {
        List<String> c = new ArrayList<>(List.of(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto", "-cp",
                System.getProperty("java.class.path"), "io.cfsync.Main", "send", "--dest", "customerio", "--set",
                "siteId=" + SITE, "--base-url", baseUrl, "--progress", "none", "--rate", "unlimited",
                "--concurrency", String.valueOf(sc.concurrency()), "--timeout", "3s", "--connect-timeout", "3s",
                "--max-retries", "8", "--give-up-after", "2s", "--state", f.state().toString(), "--dead-letter",
                f.deadLetter().toString(), "--outcomes", f.outcomes().toString(), "--report", f.report().toString()));
        if (sc.v2()) {
            c.addAll(List.of("--set", "apiVersion=v2", "--batch-size", String.valueOf(sc.batchSize())));
        }
        if (sc.stop() == Scenario.Stop.MAX_RUNTIME) {
            c.addAll(List.of("--max-runtime", "2s"));
        }
        c.add(f.input().toString());
        return c;
    }

    static Child start(List<String> command, String apiKey, RunFiles f, Path stderr) throws IOException {
        return start(command, apiKey, f, stderr, java.util.Map.of());
    }

    /** As {@link #start(List, String, RunFiles, Path)} with more environment ({@code LD_PRELOAD}, …). */
    static Child start(List<String> command, String apiKey, RunFiles f, Path stderr, java.util.Map<String, String> env)
            throws IOException {
        java.util.Map<String, String> all = new java.util.HashMap<>(env);
        all.put("CF_SYNC_CUSTOMERIO_API_KEY", apiKey);
        return start(command, all, f, stderr);
    }

    /** The same with the settings in {@code env} (e.g. the Pipelines key) instead of the Track API key. */
    static Child start(List<String> command, java.util.Map<String, String> env, RunFiles f, Path stderr)
            throws IOException {
        ProcessBuilder pb = new ProcessBuilder(withDefaultSigint(command))
                .directory(f.work().toFile())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(stderr.toFile());
        pb.environment().putAll(env);
        pb.environment().put("XDG_STATE_HOME", f.work().resolve("xdg").toString());
        return new Child(pb.start());
    }

    long pid() {
        return process.pid();
    }

    /**
     * A process started in the background inherits SIGINT ignored (and under nohup SIGHUP), and a JVM then cannot
     * catch it: run the child through perl, which restores the default, so the signal reaches cf-sync as it would
     * from a terminal.
     */
    private static List<String> withDefaultSigint(List<String> command) throws IOException {
        Path status = Paths.get("/proc/self/status");
        Path perl = Paths.get("/usr/bin/perl");
        if (!Files.exists(status) || !Files.isExecutable(perl)) {
            return command;
        }
        String ignored = Files.readAllLines(status).stream().filter(l -> l.startsWith("SigIgn:"))
                .map(l -> l.substring(7).trim()).findFirst().orElse("0");
        if ((Long.parseUnsignedLong(ignored, 16) & 0b11) == 0) {
            return command;
        }
        List<String> out = new ArrayList<>(List.of(perl.toString(), "-e",
                "$SIG{INT} = 'DEFAULT'; $SIG{HUP} = 'DEFAULT'; exec @ARGV or die"));
        out.addAll(command);
        return out;
    }

    boolean alive() {
        return process.isAlive();
    }

    /** Sends the stop; false when the process had already ended. */
    boolean stop(Scenario.Stop how) throws IOException, InterruptedException {
        if (!process.isAlive()) {
            return false;
        }
        switch (how) {
            case KILL9 -> process.destroyForcibly();
            case SIGTERM -> process.destroy();
            case SIGINT, SIGHUP -> new ProcessBuilder("kill", how == Scenario.Stop.SIGINT ? "-INT" : "-HUP",
                    String.valueOf(process.pid())).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor(10, TimeUnit.SECONDS);
            default -> throw new IllegalArgumentException(how.name());
        }
        return true;
    }

    /** The exit code, or -1 when it did not end within {@code seconds} (then it is killed). */
    int await(int seconds) throws InterruptedException {
        if (process.waitFor(seconds, TimeUnit.SECONDS)) {
            return process.exitValue();
        }
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
        return -1;
    }

    void kill() {
        process.destroyForcibly();
    }
}
