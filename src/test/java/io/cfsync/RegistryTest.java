package io.cfsync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cfsync.dest.Destination;
import io.cfsync.dest.Destinations;
import io.cfsync.event.EventType;
import io.cfsync.testkit.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Every registered destination is complete: described for all six types, covered by golden cases, and named in
 * {@code cf-sync --help} and in the reference page's list of what each destination receives (cf-sync-vendors(7)).
 */
class RegistryTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void namesAreUniqueAndLowerCase() {
        Set<String> names = new HashSet<>();
        for (Destination d : Destinations.all()) {
            assertTrue(names.add(d.name()), "duplicate destination " + d.name());
            assertEquals(d.name().toLowerCase(), d.name());
            assertTrue(d.defaultRate() > 0, d.name() + " has a default rate");
        }
    }

    @Test
    void everyDestinationDescribesEveryEventType() {
        for (Destination d : Destinations.all()) {
            assertEquals(EnumSet.allOf(EventType.class), EnumSet.copyOf(d.coverage().keySet()),
                    d.name() + " must say what it does with each event type");
        }
    }

    @Test
    void everyDestinationHasGoldenCasesForEveryEventType() throws Exception {
        for (Destination d : Destinations.all()) {
            Path dir = GoldenTest.ROOT.resolve(d.name());
            assertTrue(Files.isDirectory(dir), "no golden folder for " + d.name() + " at " + dir);
            Set<EventType> seen = EnumSet.noneOf(EventType.class);
            for (Path c : GoldenTest.cases()) {
                if (!c.getParent().equals(dir)) {
                    continue;
                }
                for (String line : Files.readAllLines(c.resolve("input.ndjson"))) {
                    if (line.isBlank() || !line.trim().startsWith("{")) {
                        continue;
                    }
                    JsonNode n = JSON.readTree(line);
                    EventType t = n.has("type") ? EventType.parse(n.get("type").asText()) : null;
                    if (t != null) {
                        seen.add(t);
                    }
                }
            }
            for (EventType t : d.coverage().keySet()) {
                assertTrue(seen.contains(t), d.name() + " has no golden case with a " + t.wire() + " event");
            }
        }
    }

    @Test
    void theRootHelpNamesEveryDestination() {
        Cli.Result help = Cli.run("--help");
        assertEquals(0, help.exit(), help.err());
        String text = help.out().replaceAll("\\s+", " ");
        for (Destination d : Destinations.all()) {
            assertTrue(text.contains(d.title()), "cf-sync --help does not name " + d.title());
        }
    }

    @Test
    void theReferenceSaysWhatEveryDestinationReceives() throws Exception {
        String readme = Files.readString(Path.of("src/main/man/cf-sync-vendors.md"));
        String heading = "## What each destination receives";
        int start = readme.indexOf(heading);
        assertTrue(start >= 0, "cf-sync-vendors(7) has no section '" + heading + "'");
        int end = readme.indexOf("\n## ", start + heading.length());
        String section = readme.substring(start, end < 0 ? readme.length() : end);
        for (Destination d : Destinations.all()) {
            assertTrue(section.contains("**" + d.title() + "** (`--dest " + d.name() + "`"),
                    "cf-sync-vendors(7)'s '" + heading + "' has no paragraph starting **" + d.title() + "** (`--dest "
                            + d.name() + "`");
        }
    }
}
