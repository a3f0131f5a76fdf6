package io.cfsync.send;

import com.fasterxml.jackson.databind.JsonNode;
import io.cfsync.dest.VendorRequest;
import java.util.List;

/**
 * One event's plan on its way to the vendor.
 *
 * @param file      input name, for output and dead letters
 * @param line      input line number
 * @param messageId the event's messageId, or null
 * @param userKey   userId, else anonymousId: requests with the same key go out one at a time, in order
 * @param event     the original event, for the dead-letter file
 * @param requests  the plan, in order
 */
public record Delivery(String file, long line, String messageId, String userKey, JsonNode event,
                       List<VendorRequest> requests) {
}
