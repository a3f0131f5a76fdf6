package io.cfsync.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The progress figures of reading: bytes as stored, against the total sized up front. */
@Timeout(10)
class ReadMeterTest {
    private static final String EVENT = "{\"type\":\"identify\",\"userId\":\"u1\"}\n";

    @TempDir
    Path tmp;

    @Test
    void countsStoredBytesAndEachInputInFullOnceDone() throws Exception {
        Path plain = tmp.resolve("a.ndjson");
        Files.writeString(plain, EVENT.repeat(100));
        Path gz = tmp.resolve("b.ndjson.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write(EVENT.repeat(1000).getBytes(StandardCharsets.UTF_8));
        }
        InputSource a = new InputSource("a.ndjson", plain);
        InputSource b = new InputSource("b.ndjson.gz", gz);
        ReadMeter meter = ReadMeter.sized(List.of(a, b));
        assertEquals(Files.size(plain) + Files.size(gz), meter.total());
        assertNull(meter.file());

        meter.start(a);
        long[] seen = {0};
        new EventReader(meter).read(a, InputStream.nullInputStream(), 0, item -> {
            seen[0]++;
            return true;
        });
        assertEquals(100, seen[0]);
        assertEquals(Files.size(plain), meter.read());
        assertEquals("a.ndjson", meter.file());
        meter.finish(a);

        meter.start(b);
        new EventReader(meter).read(b, InputStream.nullInputStream(), 0, item -> false);
        assertEquals("b.ndjson.gz", meter.file());
        // Stopped after one event: counted is what was read of the compressed file, not its decompressed size.
        long partly = meter.read() - Files.size(plain);
        assertEquals(true, partly > 0 && partly <= Files.size(gz), "read of b: " + partly);
        meter.finish(b);
        assertEquals(meter.total(), meter.read(), "every input done: the whole total");
    }

    @Test
    void standardInputHasNoTotal() throws Exception {
        InputSource stdin = new InputSource(InputSource.STDIN, null);
        ReadMeter meter = ReadMeter.sized(List.of(stdin));
        assertEquals(-1, meter.total());
        meter.start(stdin);
        byte[] bytes = EVENT.repeat(3).getBytes(StandardCharsets.UTF_8);
        new EventReader(meter).read(stdin, new ByteArrayInputStream(bytes), 0, item -> true);
        assertEquals(bytes.length, meter.read());
        meter.finish(stdin);
        assertEquals(bytes.length, meter.read());
    }
}
