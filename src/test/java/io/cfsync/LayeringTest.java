package io.cfsync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The code keeps the package design ({@link LayeringRules}): each package uses only the packages below it (the
 * pipeline only a named few types of send), vendors never use each other, third-party libraries stay in their rooms
 * (Jackson's trees, mapping and streaming each in theirs), translations use no clock, randomness, files, network,
 * threads or environment, and only {@code Main} ends the process.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LayeringTest {
    static final Path SOURCES = Paths.get("src/main/java");

    @Test
    void theSourcesKeepThePackageDesign() {
        assertEquals(List.of(), LayeringRules.violations(SOURCES));
    }

    @Test
    void everyAllowListEntryIsStillNeeded() throws Exception {
        for (Map.Entry<String, String> e : LayeringRules.ALLOW.entrySet()) {
            String code = LayeringRules.code(Files.readString(SOURCES.resolve("io/cfsync").resolve(e.getKey())));
            assertTrue(code.matches("(?s).*\\bio\\.cfsync\\." + e.getValue() + "\\b.*"),
                    e.getKey() + " no longer uses " + e.getValue() + ": remove it from the allow-list");
        }
    }

    @Test
    void everyPackageIsInTheTable() throws Exception {
        try (var dirs = Files.list(SOURCES.resolve("io/cfsync"))) {
            for (Path d : dirs.filter(Files::isDirectory).toList()) {
                assertTrue(LayeringRules.ALLOWED.containsKey(d.getFileName().toString()),
                        d.getFileName() + " is not in the package table");
            }
        }
    }
}
