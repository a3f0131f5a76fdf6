package io.cfsync;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Nothing points back up: each package may use only the packages below it (see the design notes). */
class LayeringTest {
    private static final Map<String, Set<String>> ALLOWED = Map.of(
            "event", Set.of(),
            "dest", Set.of("event"),
            "input", Set.of("event"),
            "state", Set.of("event"),
            "report", Set.of("event", "dest"),
            "send", Set.of("event", "dest", "report"),
            "pipeline", Set.of("event", "input", "dest", "send", "state", "report"),
            "cli", Set.of("event", "input", "dest", "send", "state", "report", "pipeline"));
    private static final Pattern REF = Pattern.compile("\\bio\\.cfsync\\.([a-z]+)((?:\\.[a-z]+)*)");

    @Test
    void packagesOnlyUseThePackagesBelowThem() throws Exception {
        Path root = Paths.get("src/main/java/io/cfsync");
        List<String> violations = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                Path rel = root.relativize(f);
                if (rel.getNameCount() < 2) {
                    continue; // io.cfsync.Main wires everything
                }
                String pkg = rel.getName(0).toString();
                String vendor = pkg.equals("dest") && rel.getNameCount() > 2 ? rel.getName(1).toString() : null;
                for (String line : Files.readAllLines(f)) {
                    if (line.startsWith("package ")) {
                        continue;
                    }
                    Matcher m = REF.matcher(line);
                    while (m.find()) {
                        String target = m.group(1);
                        if (target.equals(pkg)) {
                            String sub = m.group(2);
                            boolean otherVendor = vendor != null && sub.length() > 1
                                    && Character.isLowerCase(sub.charAt(1))
                                    && !sub.substring(1).split("\\.")[0].equals(vendor);
                            if (otherVendor) {
                                violations.add(rel + " uses another vendor: " + m.group());
                            }
                            continue;
                        }
                        if (!ALLOWED.getOrDefault(pkg, Set.of()).contains(target)) {
                            violations.add(rel + " uses " + m.group());
                        }
                    }
                }
            }
        }
        assertEquals(List.of(), violations);
    }
}
