package io.cfsync.send;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cfsync.dest.BatchSpec;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BatchPackerTest {
    private static final BatchSpec SPEC = BatchSpec.of("e", "b", "batch", 1000, 5);

    private static Delivery d(String file, int line) {
        return Delivery.of(file, line, List.of()).messageId("m" + line).userKey("u").build();
    }

    private static byte[] entity(int bytes) {
        return ("\"" + "x".repeat(bytes - 2) + "\"").getBytes(StandardCharsets.UTF_8);
    }

    private static List<BatchPacker.Batch> pack(BatchSpec spec, List<String> files, int entityBytes) {
        BatchPacker p = new BatchPacker(spec);
        List<BatchPacker.Batch> out = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            BatchPacker.Batch full = p.add(d(files.get(i), i + 1), entity(entityBytes));
            if (full != null) {
                out.add(full);
            }
        }
        BatchPacker.Batch last = p.flush();
        if (last != null) {
            out.add(last);
        }
        assertNull(p.flush());
        return out;
    }

    @Test
    void respectsTheEntityCountAndTheBodyLimitAndNeverSpansFiles() throws Exception {
        List<String> files = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            files.add("a");
        }
        assertEquals(List.of(5, 5, 2), pack(SPEC, files, 10).stream().map(BatchPacker.Batch::size).toList());
        List<BatchPacker.Batch> big = pack(SPEC, files, 300);
        for (BatchPacker.Batch b : big) {
            byte[] body = b.body("batch");
            assertTrue(body.length <= 1000, "body of " + body.length + " bytes");
            assertEquals(b.size(), new ObjectMapper().readTree(body).get("batch").size());
        }
        assertEquals(List.of(3, 3, 3, 3), big.stream().map(BatchPacker.Batch::size).toList());
        assertEquals(List.of(2, 1, 2), pack(SPEC, List.of("a", "a", "b", "c", "c"), 10).stream()
                .map(BatchPacker.Batch::size).toList());
        assertEquals(List.of(1, 1), pack(SPEC, List.of("a", "a"), 2000).stream().map(BatchPacker.Batch::size)
                .toList(), "an entity alone over the limit still goes, on its own");
    }

    @Test
    void halvesKeepOrder() {
        BatchPacker.Batch b = pack(SPEC, List.of("a", "a", "a", "a", "a"), 10).get(0);
        assertEquals(List.of(1L, 2L), b.head(2).deliveries().stream().map(Delivery::line).toList());
        assertEquals(List.of(3L, 4L, 5L), b.tail(2).deliveries().stream().map(Delivery::line).toList());
    }
}
