package io.cfsync.run;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import io.cfsync.testkit.VendorStub;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Kustomer's bulk customer endpoints as a {@link VendorStub.Behaviour}: a submit answers 201 with a new job id; each
 * poll of a job moves it queued → running → complete; its batches name every {@code _clientRef} as created, or as
 * the error {@link #itemError} gives for the item's externalId. Single requests: lookups find only customers in
 * {@link #existing}, writes succeed. {@link #override} answers first when it returns non-null. Thread-safe.
 */
final class KustomerBulkBehaviour implements VendorStub.Behaviour {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The items of each job, by id. */
    final Map<String, ArrayNode> jobs = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> polls = new ConcurrentHashMap<>();
    private final AtomicInteger ids = new AtomicInteger();
    volatile Function<String, String> itemError = ext -> null;
    volatile List<String> existing = List.of();
    volatile VendorStub.Behaviour override = (r, n) -> null;

    @Override
    public ResponseDefinition answer(VendorStub.Seen r, int n) {
        ResponseDefinition first = override.answer(r, n);
        if (first != null) {
            return first;
        }
        String path = r.url();
        if (r.method().equals("POST") && path.equals("/v1/customers/bulk")) {
            String id = "job-" + ids.incrementAndGet();
            jobs.put(id, (ArrayNode) read(r.body()));
            return aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                    .withBody("{\"data\":{\"type\":\"bulk\",\"id\":\"" + id + "\",\"status\":\"queued\"}}").build();
        }
        if (r.method().equals("GET") && path.startsWith("/v1/bulk/")) {
            String rest = path.substring("/v1/bulk/".length());
            boolean batches = rest.endsWith("/batches");
            String id = batches ? rest.substring(0, rest.length() - "/batches".length()) : rest;
            if (!jobs.containsKey(id)) {
                return aResponse().withStatus(404).withBody("{\"errors\":[{\"status\":404}]}").build();
            }
            return batches ? okJson(batches(jobs.get(id))).build() : okJson(state(id)).build();
        }
        if (r.method().equals("GET") && path.startsWith("/v1/customers/")) {
            String who = path.substring(path.indexOf('=') + 1);
            return existing.contains(who) ? okJson("{\"data\":{\"id\":\"c-" + who + "\"}}").build()
                    : aResponse().withStatus(404).build();
        }
        return r.method().equals("POST") ? aResponse().withStatus(201).withBody("{}").build() : null;
    }

    private String state(String id) {
        int k = polls.computeIfAbsent(id, x -> new AtomicInteger()).incrementAndGet();
        String s = k == 1 ? "queued" : k == 2 ? "running" : "complete";
        return "{\"data\":{\"type\":\"bulk\",\"id\":\"" + id + "\",\"attributes\":{\"status\":\"" + s + "\"}}}";
    }

    private String batches(ArrayNode items) {
        ArrayNode results = JSON.createArrayNode();
        for (JsonNode item : items) {
            ObjectNode res = results.addObject();
            res.put("_clientRef", item.path("_clientRef").asText());
            String error = itemError.apply(item.path("externalId").asText());
            if (error == null) {
                res.put("objectId", "c-" + item.path("externalId").asText());
                res.put("status", "created");
            } else {
                res.put("status", "error");
                res.put("error", error);
            }
        }
        ObjectNode batch = JSON.createObjectNode();
        batch.set("results", results);
        return "{\"data\":[" + batch + "]}";
    }

    /** The externalIds of the items of every submit, in order. */
    List<List<String>> submits(List<VendorStub.Seen> seen) {
        List<List<String>> out = new ArrayList<>();
        for (VendorStub.Seen s : seen) {
            if (s.method().equals("POST") && s.url().equals("/v1/customers/bulk")) {
                List<String> ext = new ArrayList<>();
                read(s.body()).forEach(i -> ext.add(i.path("externalId").asText()));
                out.add(ext);
            }
        }
        return out;
    }

    private static JsonNode read(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
