package io.cfsync.dest.kustomer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cfsync.dest.PathSegment;
import io.cfsync.dest.Translation;
import io.cfsync.dest.VendorRequest;
import io.cfsync.dest.When;
import io.cfsync.event.Event;
import io.cfsync.event.JsonPath;
import java.util.ArrayList;
import java.util.List;

/**
 * identify → find the customer (by externalId, then by email), then update the one found or create one. The
 * sender runs the plan; the translator only describes it. When the create answers 409 (the customer was created
 * by someone else since the lookups), the sender runs the lookups again, once, and updates the customer found
 * ({@link When#IF_NOT_FOUND}); a second 409 is dead-lettered. Pure and thread-safe.
 */
final class CustomerPlan {
    private static final JsonPath[] EXTERNAL_IDS = JsonPath.all("context.externalId");

    private final String baseUrl;
    private final CustomerAttributes attributes;

    CustomerPlan(String baseUrl, boolean mapCustomObject) {
        this.baseUrl = baseUrl;
        this.attributes = new CustomerAttributes(mapCustomObject);
    }

    /** The lookups and both conditional writes; {@code link} (may be null) runs last, whatever was found. */
    Translation plan(Event.Identify e, VendorRequest link) {
        List<String> warnings = new ArrayList<>(0);
        ObjectNode body = attributes.body(e, warnings);
        List<VendorRequest> steps = new ArrayList<>(5);
        if (body.size() > 1) {
            String kustomerId = kustomerId(e.json());
            if (kustomerId != null) {
                steps.add(VendorRequest.json("PUT", update(PathSegment.encode(kustomerId)), body));
            } else {
                steps.add(lookup("externalId", e.userId()));
                String email = JsonPath.firstText(e.json(), CustomerAttributes.EMAIL);
                if (email != null) {
                    steps.add(lookup("email", email));
                }
                steps.add(VendorRequest.json("PUT", update(When.FOUND_ID), body).withWhen(When.IF_FOUND, null));
                steps.add(VendorRequest.json("POST", baseUrl + "/v1/customers", body)
                        .withWhen(When.IF_NOT_FOUND, null));
            }
        }
        if (link != null) {
            steps.add(link);
        }
        if (steps.isEmpty()) {
            return Translation.skipped("no-standard-traits");
        }
        return new Translation.Requests(steps, warnings);
    }

    private VendorRequest lookup(String field, String value) {
        return VendorRequest.json("GET", baseUrl + "/v1/customers/" + field + "=" + PathSegment.encode(value), null)
                .withWhen(When.LOOKUP, "/data/id");
    }

    private String update(String encodedId) {
        return baseUrl + "/v1/customers/" + encodedId + "?replace=false";
    }

    /** The id of the {@code context.externalId[]} entry of type {@code kustomerId}, or null. */
    private static String kustomerId(JsonNode json) {
        JsonNode ids = JsonPath.first(json, EXTERNAL_IDS);
        if (ids == null || !ids.isArray()) {
            return null;
        }
        for (JsonNode id : ids) {
            JsonNode type = id.get("type");
            JsonNode value = id.get("id");
            if (type != null && "kustomerId".equals(type.asText()) && JsonPath.present(value)
                    && value.isValueNode()) {
                return value.asText();
            }
        }
        return null;
    }
}
