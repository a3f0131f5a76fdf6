package io.cfsync.send;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.cfsync.dest.BulkAnswer;
import io.cfsync.dest.BulkSpec;
import io.cfsync.dest.VendorRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** How deliveries are packed into bulk jobs: what goes ahead, what closes a pack, what goes alone. */
@Timeout(10)
class BulkingSinkTest {
    private static final String ITEM = "https://vendor.invalid/item";
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    /** Takes a delivery whose one request goes to {@link #ITEM}, three to a job. */
    private static final BulkSpec SPEC = new BulkSpec() {
        @Override
        public int maxItems() {
            return 3;
        }

        @Override
        public JsonNode item(List<VendorRequest> plan) {
            return plan.size() == 1 && plan.get(0).url().equals(ITEM) ? plan.get(0).body() : null;
        }

        @Override
        public VendorRequest submit(List<JsonNode> items, List<String> refs) {
            return null;
        }

        @Override
        public String jobId(byte[] body) {
            return null;
        }

        @Override
        public VendorRequest poll(String jobId) {
            return null;
        }

        @Override
        public State state(byte[] body) {
            return null;
        }

        @Override
        public VendorRequest results(String jobId) {
            return null;
        }

        @Override
        public String followUp() {
            return "";
        }

        @Override
        public BulkAnswer answer(byte[] body, List<String> refs) {
            return null;
        }
    };

    private final List<String> seen = new ArrayList<>();
    private final BulkingSink.Target target = new BulkingSink.Target() {
        @Override
        public void submitBulk(BulkSpec spec, BulkPack pack) {
            seen.add("job" + (pack.job() == null ? "" : "@" + pack.job()) + " "
                    + String.join(",", pack.deliveries().stream().map(Delivery::messageId).toList())
                    + " refs " + String.join(",", pack.refs()));
        }

        @Override
        public void submit(Delivery d) {
            seen.add("alone " + d.messageId());
        }

        @Override
        public void close() {
        }
    };

    private static Delivery item(String file, int line, String user) {
        return Delivery.of(file, line, List.of(VendorRequest.json("POST", ITEM, F.objectNode().put("u", user))))
                .messageId("m" + line).userKey(user).event(F.objectNode()).build();
    }

    private static Delivery other(int line, String user) {
        return Delivery.of("a", line, List.of(VendorRequest.json("POST", "https://vendor.invalid/track",
                F.objectNode()))).messageId("m" + line).userKey(user).event(F.objectNode()).build();
    }

    private List<String> run(BulkJobs jobs, Delivery... ds) {
        BulkingSink sink = new BulkingSink(SPEC, target, jobs);
        for (Delivery d : ds) {
            sink.submit(d);
        }
        sink.finish();
        return seen;
    }

    @Test
    void otherUsersGoAheadAndAPackedUsersEventClosesThePackFirst() {
        assertEquals(List.of("alone m3", "job m1,m2 refs 1,2", "alone m4", "job m5,m6 refs 5,6"),
                run(BulkJobs.NONE, item("a", 1, "u1"), item("a", 2, "u2"), other(3, "u9"), other(4, "u1"),
                        item("a", 5, "u5"), item("a", 6, "u6")));
    }

    @Test
    void aPackIsCappedClosedByAFileOrASecondEventOfOneUserAndOneWaitingCustomerGoesAlone() {
        assertEquals(List.of("job m1,m2,m3 refs 1,2,3", "job m4,m5 refs 4,5", "job m6,m7 refs 6,7", "alone m8"),
                run(BulkJobs.NONE, item("a", 1, "u1"), item("a", 2, "u2"), item("a", 3, "u3"), item("a", 4, "u4"),
                        item("a", 5, "u5"), item("b", 6, "u6"), item("b", 7, "u7"), item("b", 8, "u7")));
    }

    @Test
    void eventsAnEarlierRunSubmittedArePackedByTheirJobEvenAlone() {
        Map<String, String> earlier = Map.of("m1", "j-1", "m2", "j-1", "m4", "j-2");
        BulkJobs jobs = new BulkJobs() {
            @Override
            public String jobOf(Delivery d) {
                return earlier.get(d.messageId());
            }

            @Override
            public void submitted(List<Delivery> ds, String jobId) {
            }

            @Override
            public void forget(List<Delivery> ds) {
            }
        };
        assertEquals(List.of("job@j-1 m1,m2 refs 1,2", "alone m3",
                "job@j-2 m4 refs 4"), run(jobs, item("a", 1, "u1"), item("a", 2, "u2"), item("a", 3, "u3"),
                item("a", 4, "u4")));
    }
}
