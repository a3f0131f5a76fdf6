package io.cfsync.dest;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * How a destination takes many events as one asynchronous bulk job: a submit request of at most
 * {@link #maxItems()} items, each tagged with a client reference, answered by a job id; polls of the job's state
 * until it is complete; then one read of its per-item results. Every method is a pure function of its arguments
 * (the sender executes the requests, waits between polls and pays each request from the same budget), so a
 * dry-run can print the submit request exactly as sent. Implementations are immutable and thread-safe.
 */
public interface BulkSpec {
    /** Where a job is in its life, as a poll answer says. */
    enum State {
        QUEUED, RUNNING, COMPLETE,
        /** The poll answer does not say: treated like a lost answer. */
        UNREADABLE
    }

    /** Most items in one job. */
    int maxItems();

    /**
     * The bulk item of an event planned as {@code plan}, or null when the event goes as its own plan (the sender
     * then sends the plan itself, and also falls back to it when the bulk item cannot be settled by the job).
     */
    JsonNode item(List<VendorRequest> plan);

    /** The submit request of {@code items}, in order, each tagged with the reference at the same position. */
    VendorRequest submit(List<JsonNode> items, List<String> refs);

    /** The job id a 2xx answer to a submit names, or null when it names none (a lost answer). */
    String jobId(byte[] body);

    /** The request that reads the job's state. */
    VendorRequest poll(String jobId);

    /** The job's state in a 2xx answer to {@link #poll}. */
    State state(byte[] body);

    /** The request that reads the job's per-item results, once it is complete. */
    VendorRequest results(String jobId);

    /** What follows a submit, in words, for the dry-run: the polls and the read of the results. */
    String followUp();

    /** What a 2xx answer to {@link #results} says about each of {@code refs}. */
    BulkAnswer answer(byte[] body, List<String> refs);
}
