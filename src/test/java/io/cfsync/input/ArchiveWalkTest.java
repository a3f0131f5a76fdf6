package io.cfsync.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Folders as archives hold them: content decides what is read, paths decide what is never opened. */
@Timeout(20)
class ArchiveWalkTest {
    private static final long MAR_1 = Instant.parse("2024-03-01T00:00:00Z").toEpochMilli();
    private static final long DAY = 86_400_000L;

    @TempDir
    Path tmp;

    private final List<Path> opened = new ArrayList<>();

    @AfterEach
    void restoreOpener() {
        FolderWalk.opener = Files::newInputStream;
    }

    private void countOpens(Path refused) {
        FolderWalk.opener = p -> {
            synchronized (opened) {
                opened.add(p);
            }
            if (p.equals(refused)) {
                throw new AccessDeniedException(p.toString());
            }
            return Files.newInputStream(p);
        };
    }

    static byte[] gzip(String text) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(b)) {
            z.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return b.toByteArray();
    }

    private Path write(String rel, byte[] bytes) throws IOException {
        Path p = tmp.resolve(rel);
        Files.createDirectories(p.getParent());
        Files.write(p, bytes);
        return p;
    }

    @Test
    void segmentFilesNamedByNumberAreReadAndWhatIsNotEventDataIsLeftOutWithItsReason() throws Exception {
        String day = "bucket/segment-logs/src-1/" + MAR_1 + "/";
        write(day + "1709251300000.gz", gzip("{\"type\":\"track\"}\n"));
        write(day + "1709251200000", "{\"type\":\"identify\"}\n".getBytes(StandardCharsets.UTF_8));
        write(day + ".DS_Store", new byte[] {0, 0, 0, 1, 'B', 'u', 'd', '1'});
        write(day + "empty", new byte[0]);
        Path locked = write(day + "locked.gz", gzip("{}\n"));
        countOpens(locked);

        List<InputSource> found = Inputs.resolve(List.of(tmp.resolve("bucket").toString()));
        List<String> got = found.stream().map(s -> tmp.relativize(Path.of(s.name())) + " "
                + (s.isRead() ? "read" : s.leftOut())).toList();
        assertEquals(List.of(day + ".DS_Store not-event-data", day + "1709251200000 read",
                day + "1709251300000.gz read", day + "empty empty", day + "locked.gz unreadable"), got,
                "sorted by path, whatever the names");
    }

    @Test
    void filesWhosePathProvesThemOutsideTheWindowAreNeverOpened() throws Exception {
        byte[] garbage = {0x00, 0x13, 0x37};
        List<Path> outside = new ArrayList<>();
        outside.add(write("b/segment-logs/s/" + (MAR_1 - 10 * DAY) + "/1.gz", garbage));
        outside.add(write("b/segment-logs/s/" + (MAR_1 + 10 * DAY) + "/2", garbage));
        outside.add(write("r/src/gw/2024-02-01/3/1706756400_1706759999_ws_ab12.json.gz", garbage));
        outside.add(write("r/gw_jobs_7.1.9.1700000000000.1700000999000.gz", garbage));
        Path inside = write("b/segment-logs/s/" + MAR_1 + "/3", gzip("{\"type\":\"track\"}\n"));
        Path insideRudder = write("r/src/gw/2024-03-01/3/1709262000_1709265599_ws_cd34", gzip("{}\n"));
        countOpens(null);

        Pruning window = new Pruning(MAR_1, MAR_1 + 2 * DAY, Duration.ofDays(1));
        List<InputSource> found = Inputs.resolve(List.of(tmp.toString()), new Inputs.Options(window, null));
        assertEquals(List.of(inside, insideRudder), opened, "only the files inside the window were looked at");
        assertEquals(4, found.stream().filter(s -> LeftOut.OUTSIDE.equals(s.leftOut())).count());
        assertEquals(2, found.stream().filter(InputSource::isRead).count());
        for (InputSource s : found) {
            assertTrue(s.isRead() != outside.contains(Path.of(s.name())), s.name());
        }
    }

    @Test
    void contentIsJudgedFromTheFirstLineWithALeadingByteOrderMarkAndBlankLines() throws Exception {
        write("x/bom", "\uFEFF\r\n\n {\"type\":\"track\"}\nrest".getBytes(StandardCharsets.UTF_8));
        write("x/csv", "\uFEFFa,b\n{\"type\":\"track\"}\n".getBytes(StandardCharsets.UTF_8));
        List<String> got = Inputs.resolve(List.of(tmp.resolve("x").toString())).stream()
                .map(s -> s.isRead() ? "read" : s.leftOut()).toList();
        assertEquals(List.of("read", LeftOut.NOT_EVENTS), got);
    }

    @Test
    void aFolderWithNothingToReadIsAnErrorThatNamesItAndSaysWhatWasLookedFor() throws Exception {
        Path empty = Files.createDirectories(tmp.resolve("exports/empty"));
        InputException e = assertThrows(InputException.class, () -> Inputs.resolve(List.of(empty.toString())));
        assertTrue(e.getMessage().startsWith("no input in folder " + empty + ": it holds no files (looked for "),
                e.getMessage());

        write("exports/notes/readme.md", "# March\n".getBytes(StandardCharsets.UTF_8));
        e = assertThrows(InputException.class,
                () -> Inputs.resolve(List.of(tmp.resolve("exports/notes").toString())));
        assertTrue(e.getMessage().contains("none of its 1 file holds events: " + tmp.resolve("exports/notes")
                + "/readme.md (not-event-data)"), e.getMessage());
    }

    @Test
    void aFolderLeftOutWholeByTheWindowIsNoError() throws Exception {
        write("b/segment-logs/s/" + MAR_1 + "/1.gz", gzip("{}\n"));
        Pruning later = new Pruning(MAR_1 + 30 * DAY, null, Duration.ofDays(1));
        List<InputSource> found = Inputs.resolve(List.of(tmp.toString()), new Inputs.Options(later, null));
        assertEquals(1, found.size());
        assertEquals(LeftOut.OUTSIDE, found.get(0).leftOut());
    }

    @Test
    void anUnexpandedGlobIsExpandedInSortedOrderAndOneMatchingNothingIsAnError() throws Exception {
        write("a/2024-03-02/x.ndjson", "{}\n".getBytes(StandardCharsets.UTF_8));
        write("a/2024-03-01/y.gz", gzip("{}\n"));
        write("a/2024-04-01/z.ndjson", "{}\n".getBytes(StandardCharsets.UTF_8));
        String pattern = tmp + "/a/2024-03-*";
        List<String> names = Inputs.resolve(List.of(pattern)).stream().map(InputSource::name).toList();
        assertEquals(List.of(tmp + "/a/2024-03-01/y.gz", tmp + "/a/2024-03-02/x.ndjson"), names);

        InputException e = assertThrows(InputException.class, () -> Inputs.resolve(List.of(tmp + "/a/2023-*")));
        assertTrue(e.getMessage().contains("no input matches " + tmp + "/a/2023-*"), e.getMessage());
    }
}
