package io.cfsync.send;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cfsync.dest.Auth;
import io.cfsync.dest.Secret;
import io.cfsync.dest.VendorRequest;
import io.cfsync.dest.When;
import java.io.OutputStream;
import java.util.List;
import io.cfsync.testkit.Allocations;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What printing a planned request costs a dry-run besides the writing itself, counted in bytes allocated (exact per
 * thread, unlike time on a shared machine): a dry-run of a large file is as fast as the printer is lean. The
 * credential header is applied to every request, and each body written as it is, without copying the headers of
 * each request again nor making a serializer context per body.
 */
class DryRunCostTest {
    /**
     * Above what planning and printing a lookup-then-write plan needs (about 2.6 KB), well below what header copies
     * and a serializer context per body add (about 4.7 KB in all).
     */
    private static final long MAX_BYTES_PER_PLAN = 3_500;
    private static final int PLANS = 2_000;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aPlanIsPrintedWithoutHeaderCopiesOrASerializerContextPerBody() throws Exception {
        com.sun.management.ThreadMXBean threads = Allocations.counter();
        ObjectNode body = (ObjectNode) MAPPER.readTree("{\"externalId\":\"u1\",\"name\":\"Ada\",\"emails\":"
                + "[{\"email\":\"a@b.c\"}],\"company\":\"Acme\"}");
        DeliveryListener quiet = new DeliveryListener() {
            @Override
            public void delivered(Delivery delivery) {
            }

            @Override
            public void failed(Delivery delivery, Failure failure) {
            }
        };
        DryRunSink sink = new DryRunSink("kustomer", Auth.bearer(Secret.of("t0ken")), OutputStream.nullOutputStream(),
                false, quiet);
        long least = Long.MAX_VALUE;
        // The least of a few rounds: the first ones also pay for class loading and lazily built caches.
        for (int round = 0; round < 5; round++) {
            long before = threads.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < PLANS; i++) {
                sink.submit(Delivery.of("f.ndjson", i + 1, plan(body)).messageId("m").userKey("u1").build());
            }
            least = Math.min(least, (threads.getCurrentThreadAllocatedBytes() - before) / PLANS);
        }
        sink.close();
        assertTrue(least < MAX_BYTES_PER_PLAN, "a plan of three requests allocated " + least
                + " bytes to plan and print, more than " + MAX_BYTES_PER_PLAN);
    }

    /** A customer lookup, then an update or a create: the shape of an identify's plan. */
    private static List<VendorRequest> plan(ObjectNode body) {
        String base = "https://api.example.com/v1/customers";
        return List.of(VendorRequest.json("GET", base + "/externalId=u1", null).withWhen(When.LOOKUP, "/data/id"),
                VendorRequest.json("PUT", base + "/{id}", body).withWhen(When.IF_FOUND, null),
                VendorRequest.json("POST", base, body).withWhen(When.IF_NOT_FOUND, null));
    }
}
