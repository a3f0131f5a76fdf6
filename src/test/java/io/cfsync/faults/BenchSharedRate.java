package io.cfsync.faults;

import io.cfsync.testkit.RedisServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code scripts/bench-shared-rate}: N real {@code cf-sync send} processes (shards) on one {@code --shared-rate}
 * budget in a real Redis against one loopback vendor, for each N given: what they achieved together as a share of
 * the ceiling (after the JVMs' first seconds, and over the whole run), Redis round trips per request, and the 99th
 * percentile of the wait a round trip added to a request (the worst worker's). Arguments: rate, seconds of sending
 * per N, then the Ns.
 */
public final class BenchSharedRate {
    private static final Pattern FIGURES = Pattern.compile(
            "(\\d+) round trips for (\\d+) requests \\([\\d.]+ per request\\), "
                    + "p99 wait added per request ([\\d.]+) ms");

    private BenchSharedRate() {
    }

    public static void main(String[] args) throws Exception {
        int rate = Integer.parseInt(args[0]);
        int seconds = Integer.parseInt(args[1]);
        Path dir = Files.createTempDirectory("bench-shared-rate");
        System.out.printf(Locale.ROOT, "--rate %d, %d requests per run; warm-up: the first 2 s of each run%n", rate,
                rate * seconds);
        System.out.println("  N  share of ceiling (after warm-up / whole run)  round trips/request  p99 wait added");
        try (RedisServer redis = RedisServer.start(Files.createDirectories(dir.resolve("redis")))) {
            for (int i = 2; i < args.length; i++) {
                run(dir, redis, rate, seconds, Integer.parseInt(args[i]));
            }
        }
    }

    private static void run(Path dir, RedisServer redis, int rate, int seconds, int n) throws Exception {
        int events = rate * seconds;
        Path input = dir.resolve("input-" + n + ".ndjson");
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < events; i++) {
            b.append("{\"type\":\"track\",\"event\":\"Ping\",\"userId\":\"u-").append(i).append("\",\"messageId\":\"m-")
                    .append(n).append('-').append(i).append("\",\"timestamp\":\"2024-03-01T10:00:00Z\"}\n");
        }
        Files.writeString(input, b);
        try (RateStub vendor = new RateStub(0)) {
            List<Child> children = new ArrayList<>();
            List<Path> errs = new ArrayList<>();
            for (int i = 1; i <= n; i++) {
                Path work = Files.createDirectories(dir.resolve("run-" + n + "-" + i));
                Child.RunFiles f = new Child.RunFiles(input, work.resolve("state.db"), work.resolve("dead.ndjson"),
                        work.resolve("outcomes.ndjson"), work.resolve("report.json"), work);
                List<String> c = List.of(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                        "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                        "io.cfsync.Main", "send", "--dest", "customerio", "--set", "siteId=" + Child.SITE,
                        "--base-url", vendor.baseUrl(), "--progress", "none", "--verbose", "--rate",
                        String.valueOf(rate), "--concurrency", "32", "--shared-rate", redis.url(),
                        "--shared-rate-key", "bench-" + n, "--shard", i + "/" + n, "--state", f.state().toString(),
                        "--dead-letter", f.deadLetter().toString(), input.toString());
                Path err = work.resolve("stderr.txt");
                errs.add(err);
                children.add(Child.start(c, "key-1", f, err));
            }
            long trips = 0;
            long requests = 0;
            double p99 = 0;
            for (int i = 0; i < n; i++) {
                int code = children.get(i).await(seconds * 4 + 120);
                String err = Files.readString(errs.get(i));
                Matcher m = FIGURES.matcher(err);
                if (code != 0 || !m.find()) {
                    throw new IllegalStateException("worker " + (i + 1) + " of " + n + " ended " + code + ":\n" + err);
                }
                trips += Long.parseLong(m.group(1));
                requests += Long.parseLong(m.group(2));
                p99 = Math.max(p99, Double.parseDouble(m.group(3)));
            }
            System.out.printf(Locale.ROOT, "%3d  %5.1f%% / %5.1f%%  %33.3f  %11.1f ms   (per second: %s)%n", n,
                    vendor.achieved(2) * 100 / rate, vendor.achieved(0) * 100 / rate,
                    requests == 0 ? 0.0 : trips / (double) requests, p99, vendor.perSecond());
        }
    }
}
