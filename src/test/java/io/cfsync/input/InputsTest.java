package io.cfsync.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InputsTest {
    @TempDir
    Path tmp;

    @Test
    void foldersAreWalkedRecursivelyInSortedOrderReadingEventFilesOnly() throws Exception {
        Path dir = tmp.resolve("archive");
        Files.createDirectories(dir.resolve("2024-03/b"));
        for (String f : List.of("2024-03/b/z.ndjson", "2024-03/a.jsonl.gz", "2024-03/notes.txt", "root.json",
                "2024-03/b/a.NDJSON", "x.csv.gz")) {
            Files.writeString(dir.resolve(f), "");
        }
        List<InputSource> found = Inputs.resolve(List.of(dir.toString()));
        List<String> names = found.stream().filter(InputSource::isRead).map(InputSource::name).toList();
        assertEquals(List.of(dir + "/2024-03/a.jsonl.gz", dir + "/2024-03/b/a.NDJSON", dir + "/2024-03/b/z.ndjson",
                dir + "/root.json"), names);
        List<String> leftOut = found.stream().filter(s -> !s.isRead()).map(s -> s.name() + ": " + s.leftOut())
                .toList();
        assertEquals(List.of(dir + "/2024-03/notes.txt: empty", dir + "/x.csv.gz: empty"), leftOut);
    }

    @Test
    void filesAreTakenAsGivenAndDashOrNothingMeansStdin() throws Exception {
        Path f = tmp.resolve("events.txt");
        Files.writeString(f, "");
        List<InputSource> s = Inputs.resolve(List.of(f.toString(), "-"));
        assertEquals(f.toString(), s.get(0).name());
        assertTrue(s.get(1).isStdin());
        assertTrue(Inputs.resolve(List.of()).get(0).isStdin());
    }

    @Test
    void aMissingInputIsAnError() {
        InputException e = assertThrows(InputException.class,
                () -> Inputs.resolve(List.of(tmp.resolve("nope.ndjson").toString())));
        assertTrue(e.getMessage().contains("nope.ndjson"));
    }
}
