package io.cfsync;

import io.cfsync.LayeringMutationTest.At;
import io.cfsync.LayeringMutationTest.Mutation;
import java.util.List;

/** More violations for {@link LayeringMutationTest} to inject, grouped by the rule they break. Stateless. */
final class LayeringMutations {
    private LayeringMutations() {
    }

    /** The rules that keep Jackson in its rooms, one violation each. */
    static List<Mutation> jackson() {
        return List.of(
                new Mutation("Jackson trees in pipeline", "pipeline/Pipeline.java", At.IMPORT,
                        "import com.fasterxml.jackson.databind.node.ObjectNode;"),
                new Mutation("a Jackson tree named in pipeline", "pipeline/Shard.java", At.MEMBER,
                        "private com.fasterxml.jackson.databind.JsonNode injected;"),
                new Mutation("Jackson databind in pipeline", "pipeline/Checkpoints.java", At.IMPORT,
                        "import com.fasterxml.jackson.databind.ObjectMapper;"),
                new Mutation("Jackson streaming in pipeline", "pipeline/SendJob.java", At.IMPORT,
                        "import com.fasterxml.jackson.core.JsonGenerator;"),
                new Mutation("Jackson databind in event", "event/Event.java", At.IMPORT,
                        "import com.fasterxml.jackson.databind.json.JsonMapper;"),
                new Mutation("Jackson streaming in event", "event/Envelope.java", At.IMPORT,
                        "import com.fasterxml.jackson.core.JsonParser;"),
                new Mutation("Jackson streaming in dest", "dest/FieldTable.java", At.IMPORT,
                        "import com.fasterxml.jackson.core.JsonGenerator;"),
                new Mutation("Jackson streaming in a vendor", "dest/custify/CustifyTranslator.java", At.MEMBER,
                        "private static final Class<?> INJECTED = com.fasterxml.jackson.core.JsonFactory.class;"),
                new Mutation("Jackson trees in pacing", "send/rate/Pacer.java", At.IMPORT,
                        "import com.fasterxml.jackson.databind.JsonNode;"),
                new Mutation("Jackson in the ledger", "state/Ledger.java", At.IMPORT,
                        "import com.fasterxml.jackson.databind.ObjectMapper;"));
    }

    /** The rules that keep translations away from files, the network, threads and the process, one each. */
    static List<Mutation> pureDest() {
        return List.of(
                new Mutation("java.nio.file in dest", "dest/Settings.java", At.IMPORT, "import java.nio.file.Files;"),
                new Mutation("a file stream in a vendor", "dest/customerio/EventIds.java", At.MEMBER,
                        "private static Object injected() throws Exception {"
                                + " return new java.io.FileOutputStream(\"x\"); }"),
                new Mutation("all of java.io in dest", "dest/FieldTable.java", At.IMPORT, "import java.io.*;"),
                new Mutation("a socket in a vendor", "dest/custify/CustifyTranslator.java", At.IMPORT,
                        "import java.net.Socket;"),
                new Mutation("Java's HTTP client in dest", "dest/Settings.java", At.MEMBER,
                        "private static final Class<?> INJECTED = java.net.http.HttpClient.class;"),
                new Mutation("a URL in a vendor", "dest/kustomer/SessionPrePass.java", At.IMPORT,
                        "import java.net.URL;"),
                new Mutation("a thread in a vendor", "dest/kustomer/SessionPrePass.java", At.MEMBER,
                        "private final Object injected = new Thread(() -> { });"),
                new Mutation("a sleep in dest", "dest/FieldTable.java", At.MEMBER,
                        "private static void injected() throws InterruptedException { Thread.sleep(1); }"),
                new Mutation("an executor in dest", "dest/Settings.java", At.IMPORT,
                        "import java.util.concurrent.Executors;"),
                new Mutation("a future in a vendor", "dest/custify/CustifyFields.java", At.IMPORT,
                        "import java.util.concurrent.CompletableFuture;"),
                new Mutation("a parallel stream in dest", "dest/FieldTable.java", At.MEMBER,
                        "private static long injected(java.util.List<String> l) {"
                                + " return l.parallelStream().count(); }"),
                new Mutation("the environment in a vendor", "dest/customerio/EventIds.java", At.MEMBER,
                        "private static final String INJECTED = System.getenv(\"X\");"),
                new Mutation("printing from dest", "dest/Settings.java", At.MEMBER,
                        "private static void injected() { System.out.println(); }"));
    }
}
