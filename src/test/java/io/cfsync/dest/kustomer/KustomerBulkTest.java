package io.cfsync.dest.kustomer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cfsync.dest.BulkAnswer;
import io.cfsync.dest.BulkSpec;
import io.cfsync.dest.Translation;
import io.cfsync.dest.VendorRequest;
import io.cfsync.event.Event;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class KustomerBulkTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BASE = "https://acme.api.kustomerapp.com";
    private final KustomerBulk bulk = new KustomerBulk(BASE);

    private static JsonNode json(String s) throws Exception {
        return JSON.readTree(s);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void theSubmitTagsEveryItemWithItsReferenceFirst() throws Exception {
        VendorRequest r = bulk.submit(List.of(json("{\"name\":\"A\",\"externalId\":\"u-1\"}"),
                json("{\"externalId\":\"u-2\"}")), List.of("7", "9.1"));
        assertEquals("POST", r.method());
        assertEquals(BASE + "/v1/customers/bulk", r.url());
        assertEquals("[{\"_clientRef\":\"7\",\"name\":\"A\",\"externalId\":\"u-1\"},"
                + "{\"_clientRef\":\"9.1\",\"externalId\":\"u-2\"}]", r.body().toString());
    }

    @Test
    void referencesFollowTheVendorsRules() throws Exception {
        List<JsonNode> two = List.of(json("{}"), json("{}"));
        assertThrows(IllegalArgumentException.class, () -> bulk.submit(two, List.of("1", "1")), "unique");
        assertThrows(IllegalArgumentException.class, () -> bulk.submit(two, List.of("1", "")), "non-empty");
        assertThrows(IllegalArgumentException.class, () -> bulk.submit(two, List.of("1", "x".repeat(256))),
                "at most 255");
        bulk.submit(two, List.of("1", "x".repeat(255)));
        assertThrows(IllegalArgumentException.class, () -> bulk.submit(java.util.Collections.nCopies(101,
                json("{}")), java.util.stream.IntStream.range(0, 101).mapToObj(Integer::toString).toList()),
                "at most 100 items");
    }

    @Test
    void onlyALookupThenUpdateOrCreatePlanBecomesAnItem() throws Exception {
        KustomerDestination d = new KustomerDestination();
        io.cfsync.dest.Translator t = d.translator(io.cfsync.testkit.DefaultSettings.of(d));
        KustomerBulk bulk = new KustomerBulk("https://api.kustomerapp.com");
        List<VendorRequest> plan = ((Translation.Requests) t.translate(identify(
                "{\"type\":\"identify\",\"userId\":\"u-1\",\"traits\":{\"name\":\"A\",\"email\":\"a@x.org\"}}"),
                io.cfsync.dest.PrePassFacts.NONE)).requests();
        assertEquals("{\"name\":\"A\",\"externalId\":\"u-1\",\"emails\":[{\"type\":\"home\",\"email\":\"a@x.org\"}]}",
                bulk.item(plan).toString());
        List<VendorRequest> known = ((Translation.Requests) t.translate(identify("{\"type\":\"identify\","
                + "\"userId\":\"u-1\",\"context\":{\"externalId\":[{\"type\":\"kustomerId\",\"id\":\"k9\"}]},"
                + "\"traits\":{\"name\":\"A\"}}"), io.cfsync.dest.PrePassFacts.NONE)).requests();
        assertNull(bulk.item(known), "an update by Kustomer id is one request already");
        assertNull(bulk.item(List.of(VendorRequest.json("POST", "https://api.kustomerapp.com/v1/tracking/identityEvent",
                json("{}")))));
    }

    private static Event identify(String json) {
        return SessionPrePassTest.event(json);
    }

    @Test
    void theJobIdAndStateAreReadStrictly() {
        assertEquals("b-1", bulk.jobId(bytes("{\"data\":{\"type\":\"bulk\",\"id\":\"b-1\",\"status\":\"queued\"}}")));
        assertNull(bulk.jobId(bytes("{\"data\":{\"id\":\"\"}}")));
        assertNull(bulk.jobId(bytes("<html>")));
        assertEquals(BulkSpec.State.QUEUED, bulk.state(bytes("{\"status\":\"queued\"}")));
        assertEquals(BulkSpec.State.RUNNING, bulk.state(bytes("{\"data\":{\"status\":\"running\"}}")));
        assertEquals(BulkSpec.State.COMPLETE, bulk.state(bytes("{\"data\":{\"attributes\":{\"status\":\"complete\"}}}")));
        assertEquals(BulkSpec.State.UNREADABLE, bulk.state(bytes("{\"data\":{}}")));
        assertEquals(BulkSpec.State.UNREADABLE, bulk.state(bytes("{\"status\":\"exploded\"}")));
        assertEquals(BASE + "/v1/bulk/b%2F1", bulk.poll("b/1").url());
        assertEquals(BASE + "/v1/bulk/b-1/batches", bulk.results("b-1").url());
    }

    @Test
    void eachReferenceGetsItsOwnResult() {
        BulkAnswer a = bulk.answer(bytes("[{\"successCount\":2,\"results\":["
                + "{\"_clientRef\":\"1\",\"objectId\":\"o1\",\"status\":\"created\"},"
                + "{\"_clientRef\":\"2\",\"status\":\"updated\"},"
                + "{\"_clientRef\":\"3\",\"status\":\"error\",\"error\":\"email is invalid\"}]},"
                + "{\"results\":[{\"_clientRef\":\"4\",\"status\":\"error\",\"error\":\"duplicate detected\"},"
                + "{\"_clientRef\":\"5\",\"status\":\"error\",\"error\":{\"status\":503,\"title\":\"busy\"}},"
                + "{\"_clientRef\":\"6\",\"status\":\"created\"},{\"_clientRef\":\"6\",\"status\":\"created\"},"
                + "{\"_clientRef\":\"99\",\"status\":\"created\"}]}]"), List.of("1", "2", "3", "4", "5", "6", "7"));
        assertEquals(BulkAnswer.Kind.DONE, a.of("1").kind());
        assertEquals(BulkAnswer.Kind.DONE, a.of("2").kind());
        assertEquals(new BulkAnswer.Item(BulkAnswer.Kind.REJECTED, "email is invalid"), a.of("3"));
        assertEquals(BulkAnswer.Kind.AGAIN, a.of("4").kind(), "an existing customer is updated on its own");
        assertEquals(BulkAnswer.Kind.AGAIN, a.of("5").kind(), "the vendor's own trouble");
        assertEquals(BulkAnswer.Kind.AGAIN, a.of("6").kind(), "named twice: not trusted");
        assertEquals(BulkAnswer.Kind.AGAIN, a.of("7").kind(), "not named");
        assertEquals(BulkAnswer.Kind.AGAIN, bulk.answer(bytes("not json"), List.of("1")).of("1").kind());
    }

    @Test
    void resultsWrappedInDataAreReadToo() {
        BulkAnswer a = bulk.answer(bytes("{\"data\":[{\"attributes\":{\"results\":["
                + "{\"_clientRef\":\"1\",\"status\":\"created\"}]}}]}"), List.of("1"));
        assertEquals(BulkAnswer.Kind.DONE, a.of("1").kind());
    }

    @Test
    void itemErrorsWithAStatusAreClassedByIt() throws Exception {
        assertEquals(BulkAnswer.Kind.REJECTED, KustomerBulk.error(json("{\"status\":400,\"title\":\"bad\"}")).kind());
        assertEquals(BulkAnswer.Kind.AGAIN, KustomerBulk.error(json("{\"status\":409}")).kind());
        assertEquals(BulkAnswer.Kind.AGAIN, KustomerBulk.error(json("{\"statusCode\":\"500\"}")).kind());
        assertEquals(BulkAnswer.Kind.AGAIN, KustomerBulk.error(json("\"request timed out\"")).kind());
        assertEquals(BulkAnswer.Kind.REJECTED, KustomerBulk.error(null).kind());
    }
}
