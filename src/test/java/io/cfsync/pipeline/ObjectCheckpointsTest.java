package io.cfsync.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cfsync.input.EventReader;
import io.cfsync.input.InputSource;
import io.cfsync.input.RemoteObject;
import io.cfsync.state.Ledger;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Objects are known by key and ETag: a finished one is not downloaded again, a replaced one is a new input. */
@Timeout(60)
class ObjectCheckpointsTest {
    private static final String DEST = "customerio";

    @TempDir
    Path tmp;
    private Ledger ledger;
    private final AtomicInteger opens = new AtomicInteger();

    @BeforeEach
    void open() {
        ledger = Ledger.open(tmp.resolve("ledger.db"));
    }

    @AfterEach
    void close() {
        ledger.close();
    }

    private InputSource object(String etag, int lines) {
        StringBuilder b = new StringBuilder();
        for (int i = 1; i <= lines; i++) {
            b.append("{\"type\":\"track\",\"messageId\":\"m-").append(i)
                    .append("\",\"userId\":\"u\",\"event\":\"E\"}\n");
        }
        byte[] bytes = b.toString().getBytes(StandardCharsets.UTF_8);
        return InputSource.remote(new RemoteObject() {
            @Override
            public String uri() {
                return "s3://bucket/segment-logs/src/1709251200000/1.gz";
            }

            @Override
            public String version() {
                return etag;
            }

            @Override
            public InputStream open() {
                opens.incrementAndGet();
                return new ByteArrayInputStream(bytes);
            }
        });
    }

    /** One run: reads from where the ledger says, finishing every line up to {@code upTo}; saves. */
    private Checkpoints.Start run(InputSource src, long upTo) throws Exception {
        Checkpoints c = new Checkpoints(ledger, DEST, false);
        Checkpoints.Start start = c.open(src);
        if (start.skipWhole()) {
            return start;
        }
        long n = new EventReader().read(src, InputStream.nullInputStream(), start.skipThrough(), c.tap(src.name()),
                item -> {
                    if (item.ref().line() > upTo) {
                        return false;
                    }
                    c.passed(src.name(), item.ref().line());
                    return true;
                });
        if (n <= upTo) {
            c.readToEnd(src.name(), n);
        }
        c.save();
        return start;
    }

    @Test
    void aFinishedObjectIsSkippedWithoutBeingReadAndAStoppedOneResumesAtItsWatermark() throws Exception {
        assertEquals(0, run(object("\"etag-1\"", 10), 4).skipThrough());
        assertEquals(1, opens.get());
        Checkpoints.Start second = run(object("\"etag-1\"", 10), 99);
        assertEquals(4, second.skipThrough(), "same ETag: resumed after the lines finished, no check read");
        assertEquals(2, opens.get(), "opened once, to read on");
        assertTrue(run(object("\"etag-1\"", 10), 99).skipWhole());
        assertEquals(2, opens.get(), "finished and unchanged: not downloaded again");
        assertEquals("s3://bucket/segment-logs/src/1709251200000/1.gz#etag-1",
                ledger.sources(DEST).get(0).path(), "the ledger knows the object by key and ETag");
    }

    @Test
    void aNewEtagIsANewInputReadFromTheStartWithANote() throws Exception {
        run(object("\"etag-1\"", 10), 99);
        Checkpoints.Start changed = run(object("\"etag-2\"", 12), 99);
        assertFalse(changed.skipWhole());
        assertEquals(0, changed.skipThrough());
        assertEquals("s3://bucket/segment-logs/src/1709251200000/1.gz changed since the last run (a new ETag): "
                + "reading it from the start; delivered events are skipped", changed.note());
        Checkpoints.Start first = new Checkpoints(ledger, DEST, false).open(object("\"other\"", 1));
        assertTrue(first.note() != null, "any earlier version counts");
        ledger.close();
        ledger = Ledger.open(tmp.resolve("fresh.db"));
        assertNull(new Checkpoints(ledger, DEST, false).open(object("\"etag-1\"", 1)).note(), "never seen: no note");
    }
}
