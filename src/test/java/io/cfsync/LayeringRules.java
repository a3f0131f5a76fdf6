package io.cfsync;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The package design as rules, checked over a source folder (normally {@code src/main/java}) by reading each
 * file's imports and fully qualified names in code; comments and string literals are ignored. Stateless.
 */
final class LayeringRules {
    /** Which project layers each layer may name. {@code Main} is the root class {@code io.cfsync.Main}. */
    static final Map<String, Set<String>> ALLOWED = plus(plus(Map.of(
            "event", Set.of(),
            "dest", Set.of("event"),
            "dest.*", Set.of("event", "dest"), // a vendor package: never another vendor
            "input", Set.of("event"),
            "state", Set.of("event"),
            "report", Set.of("event", "dest"),
            // send takes planned requests and reports on them; the events they came from are the pipeline's.
            "send", Set.of("dest", "report", "send.rate"),
            // Pacing behind one interface: it knows the run's figures, never the sender that calls it.
            "send.rate", Set.of("report"),
            "pipeline", Set.of("event", "input", "dest", "send", "state", "report"),
            "cli", Set.of("event", "input", "dest", "send", "state", "report", "pipeline")),
            "Main", Set.of("cli")),
            // The Kafka Connect plugin: a front end beside cli, never using it. Records are read, planned and
            // set up by the pipeline's Setup and RecordPlanner, as lines are for cli: no reading or ledger here.
            "connect", Set.of("event", "dest", "send", "report", "pipeline"));

    /**
     * The types of {@code send} the pipeline may name: the sink and what it carries, how it tells each delivery's
     * end, how a run through it ends, and the factory with what it is made from. Everything else of sending (lanes,
     * resilience, pacing, the shared budget, transport) stays behind {@code Sinks}.
     */
    static final Set<String> SEND_FOR_PIPELINE = Set.of(
            "Sink", "Delivery", // the sink and what it carries
            "DeliveryListener", "Failure", "BulkJobs", // told each delivery's end; the bulk jobs it keeps
            "SinkResult", "RunControl", "OutputException", // how a run through the sink ended, or was stopped
            "Sinks", "SinkSpec", "SinkTuning", "Network", "CurlFormat"); // the factory and what it is made from

    /** The registry is the one class outside a vendor package that names vendor packages. */
    static final String REGISTRY = "dest/Destinations.java";

    /**
     * Known exceptions, file (relative to io/cfsync) to the layer it may still name, each with its reason.
     * Keep this short: every entry is a debt.
     */
    static final Map<String, String> ALLOW = Map.of();

    /** Each third-party library with the only places that may use it ({@link Rooms}). */
    static final List<Rooms.Room> ROOMS = Rooms.ALL;

    /**
     * The progress display reads the run's snapshot and talks to the person: it is reporting, so it lives in
     * report, where sending cannot grow back into it.
     */
    static final Pattern DISPLAY = Pattern.compile(
            "\\b(?:class|record|interface|enum)\\s+(Console|Progress|ProgressText|StatusLine|Terminal|InputGauge)\\b");

    /** Clocks and randomness: a translation must depend on the event and the settings alone. */
    static final Pattern NOT_IN_DEST = Pattern.compile(
            "\\b(?:Instant|LocalDateTime|LocalDate|LocalTime|OffsetDateTime|ZonedDateTime|Year|YearMonth)"
                    + "\\s*\\.\\s*now\\b|\\bSystem\\s*\\.\\s*(?:currentTimeMillis|nanoTime)\\b"
                    + "|\\bClock\\b|\\bInstantSource\\b"
                    + "|\\b(?:ThreadLocal|Secure|Splittable)?Random\\b|\\bRandomGenerator\\b"
                    + "|\\bMath\\s*\\.\\s*random\\b|\\bUUID\\s*\\.\\s*randomUUID\\b");

    /**
     * What else a translation may not touch, each with the words of its finding: files, the network, threads, and
     * the process around it. {@code java.net.URI} (a value) and {@code URLEncoder}/{@code URLDecoder} (pure text) stay
     * allowed, as do in-memory streams and {@code IOException}.
     */
    static final Map<String, Pattern> NO_IO_IN_DEST = Map.of(
            "files", Pattern.compile("\\bjava\\s*\\.\\s*nio\\s*\\.\\s*(?:file|channels)\\b"
                    + "|\\bjava\\s*\\.\\s*io\\s*\\.\\s*(?:File\\w*|RandomAccessFile|Console|\\*)"),
            "the network", Pattern.compile("\\bjavax?\\s*\\.\\s*net\\s*\\.\\s*(?!URI\\b|URISyntaxException\\b"
                    + "|URLEncoder\\b|URLDecoder\\b)[\\w*]+"),
            "threads", Pattern.compile("\\b(?:Thread|ThreadGroup|ThreadFactory|Executors?|\\w*ExecutorService"
                    + "|ForkJoinPool|CompletableFuture|Timer|TimerTask)\\b|\\bparallel(?:Stream)?\\s*\\("),
            "the process", Pattern.compile("\\bSystem\\s*\\.\\s*(?:getenv|getProperty|getProperties|in|out|err"
                    + "|console)\\b|\\bProcessBuilder\\b|\\bRuntime\\s*\\.\\s*getRuntime\\b"));

    /** Ending the process: only {@code Main} may, so that everything else stays testable in-process. */
    static final Pattern EXIT = Pattern.compile("\\bSystem\\s*(?:\\.|::)\\s*exit\\b|\\.\\s*halt\\s*\\(");

    private static final Pattern PROJECT = Pattern.compile(
            "\\bio\\s*\\.\\s*cfsync\\s*\\.\\s*(\\w+)(?:\\s*\\.\\s*(\\w+))?");
    private static final Set<String> LAYERS = Set.of("event", "dest", "input", "state", "report", "send",
            "send.rate", "pipeline", "cli", "connect");

    private LayeringRules() {
    }

    /** {@code rules} and one more layer (Map.of stops at ten). */
    private static Map<String, Set<String>> plus(Map<String, Set<String>> rules, String layer, Set<String> uses) {
        Map<String, Set<String>> all = new java.util.HashMap<>(rules);
        all.put(layer, uses);
        return Map.copyOf(all);
    }

    /** Every rule broken under {@code sourceRoot} (the folder holding {@code io/cfsync}), one line each. */
    static List<String> violations(Path sourceRoot) {
        Path root = sourceRoot.resolve("io/cfsync");
        List<String> out = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
                String rel = root.relativize(f).toString().replace('\\', '/');
                check(rel, code(Files.readString(f)), out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /**
     * The layer of a file: {@code Main}, {@code dest.*} for a vendor package, {@code send.rate} for pacing, else its
     * first folder.
     */
    static String layer(String rel) {
        String[] parts = rel.split("/");
        if (parts.length == 1) {
            return parts[0].equals("Main.java") ? "Main" : "root";
        }
        if (parts[0].equals("send") && parts.length > 2 && parts[1].equals("rate")) {
            return "send.rate";
        }
        return parts[0].equals("dest") && parts.length > 2 ? "dest.*" : parts[0];
    }

    private static void check(String rel, String code, List<String> out) {
        String layer = layer(rel);
        checkProject(rel, layer, code, out);
        for (Rooms.Room room : ROOMS) {
            Matcher u = room.use().matcher(code);
            if (u.find() && !room.holds(rel)) {
                out.add(rel + " uses " + room.library() + " (" + u.group() + "), allowed only in "
                        + new TreeSet<>(room.places()));
            }
        }
        Matcher d = DISPLAY.matcher(code);
        while (d.find()) {
            if (!rel.startsWith("report/")) {
                out.add(rel + " declares the progress display's " + d.group(1) + "; it belongs in report");
            }
        }
        Matcher x = EXIT.matcher(code);
        if (!layer.equals("Main") && x.find()) {
            out.add(rel + " ends the process (" + x.group() + "); only Main may");
        }
        if (layer.startsWith("dest")) {
            checkPure(rel, code, out);
        }
    }

    /** The names of our packages and types in {@code code}, against the table. */
    private static void checkProject(String rel, String layer, String code, List<String> out) {
        String vendor = layer.equals("dest.*") ? rel.split("/")[1] : null;
        Set<String> allowed = ALLOWED.getOrDefault(layer, Set.of());
        Matcher m = PROJECT.matcher(code);
        while (m.find()) {
            String sub = m.group(2);
            String target = m.group(1).equals("send") && "rate".equals(sub) ? "send.rate" : m.group(1);
            String ref = m.group().replaceAll("\\s", "");
            if (Character.isUpperCase(target.charAt(0))) {
                out.add(rel + " names the entry point " + ref + "; nothing may depend on it");
            } else if (!LAYERS.contains(target)) {
                out.add(rel + " names an unknown package " + ref);
            } else if (target.equals("dest") && sub != null && Character.isLowerCase(sub.charAt(0))) {
                boolean own = sub.equals(vendor);
                if (!own && !rel.equals(REGISTRY)) {
                    out.add(rel + (vendor != null ? " uses another vendor: " : " reaches into a vendor: ") + ref);
                }
            } else if (!target.equals(layerRoot(layer)) && !allowed.contains(target)
                    && !target.equals(ALLOW.get(rel))) {
                out.add(rel + " (" + layer + ") may not use " + target + ": " + ref);
            } else if (layer.equals("pipeline") && target.equals("send")
                    && (sub == null || !SEND_FOR_PIPELINE.contains(sub))) {
                out.add(rel + " names " + ref + "; pipeline sees of send only " + new TreeSet<>(SEND_FOR_PIPELINE));
            }
        }
    }

    /** A translation depends on the event and the settings alone. */
    private static void checkPure(String rel, String code, List<String> out) {
        Matcher c = NOT_IN_DEST.matcher(code);
        while (c.find()) {
            out.add(rel + " uses a clock or randomness: " + c.group());
        }
        for (Map.Entry<String, Pattern> io : NO_IO_IN_DEST.entrySet()) {
            Matcher i = io.getValue().matcher(code);
            while (i.find()) {
                out.add(rel + " touches " + io.getKey() + ": " + i.group());
            }
        }
    }

    private static String layerRoot(String layer) {
        return layer.equals("dest.*") ? "dest" : layer;
    }

    /** The source without comments, string, text-block and character literals (each replaced by a space). */
    static String code(String src) {
        StringBuilder b = new StringBuilder(src.length());
        int i = 0;
        int n = src.length();
        while (i < n) {
            char c = src.charAt(i);
            if (src.startsWith("//", i)) {
                int e = src.indexOf('\n', i);
                i = e < 0 ? n : e;
                b.append(' ');
            } else if (src.startsWith("/*", i)) {
                int e = src.indexOf("*/", i + 2);
                i = e < 0 ? n : e + 2;
                b.append(' ');
            } else if (src.startsWith("\"\"\"", i)) {
                int e = src.indexOf("\"\"\"", i + 3);
                i = e < 0 ? n : e + 3;
                b.append(' ');
            } else if (c == '"' || c == '\'') {
                int j = i + 1;
                while (j < n && src.charAt(j) != c && src.charAt(j) != '\n') {
                    j += src.charAt(j) == '\\' ? 2 : 1;
                }
                i = Math.min(n, j + 1);
                b.append(' ');
            } else {
                b.append(c);
                i++;
            }
        }
        return b.toString();
    }
}
