package io.cfsync.dest.custify;

import io.cfsync.dest.FieldTable;
import io.cfsync.event.JsonPath;
import io.cfsync.event.Problem;
import java.util.Set;

/**
 * The declared Custify mappings. Table order is the order of keys in the request body; the translator adds the
 * irregular fields (user_id, custom_attributes, name, companies, metadata) around them.
 */
final class CustifyFields {
    /** Custify keys people and events by user id or email: with neither, there is nothing to attach them to. */
    static final Problem MISSING_ID = Problem.of("missing-identity", "custify needs a user id (userId, traits.userId, "
            + "traits.id, or anonymousId with fallbackToAnonymousId) or an email (traits.email, context.traits.email, "
            + "properties.email)");

    private CustifyFields() {
    }

    /**
     * How a person body is read.
     *
     * @param userIds    id paths tried after the top-level userId (strings or numbers only)
     * @param fields     email through signed_up_at
     * @param attributes the traits object copied into custom_attributes (first present)
     * @param name       full-name paths; else first + " " + last, else whichever exists
     */
    record PersonSpec(JsonPath[] userIds, FieldTable fields, JsonPath[] attributes, JsonPath[] name,
                      JsonPath[] first, JsonPath[] last) {
    }

    /** identify: traits first, then context.traits. */
    static final PersonSpec IDENTIFY = new PersonSpec(
            JsonPath.all("traits.userId", "traits.id", "context.traits.userId", "context.traits.id"),
            FieldTable.builder()
                    .field("email", "traits.email", "context.traits.email", "properties.email")
                    .field("phone", "traits.phone", "context.traits.phone", "properties.phone")
                    .field("session_count", "traits.sessionCount", "context.traits.sessionCount")
                    .field("unsubscribed_from_emails", "traits.unsubscribedFromEmails",
                            "context.traits.unsubscribedFromEmails")
                    .field("unsubscribed_from_calls", "traits.unsubscribedFromCalls",
                            "context.traits.unsubscribedFromCalls")
                    .field("signed_up_at", "traits.signedUpAt", "context.traits.signedUpAt", "timestamp",
                            "originalTimestamp")
                    .requireOneOf(MISSING_ID, "user_id", "email")
                    .build(),
            JsonPath.all("traits", "context.traits"),
            JsonPath.all("traits.name", "context.traits.name"),
            JsonPath.all("traits.firstName", "traits.firstname", "traits.first_name", "context.traits.firstName",
                    "context.traits.firstname", "context.traits.first_name"),
            JsonPath.all("traits.lastName", "traits.lastname", "traits.last_name", "context.traits.lastName",
                    "context.traits.lastname", "context.traits.last_name"));

    /** group: the traits describe the company, so the person comes from context.traits only. */
    static final PersonSpec GROUP_PERSON = new PersonSpec(
            JsonPath.all("context.traits.userId", "context.traits.id"),
            FieldTable.builder()
                    .field("email", "context.traits.email")
                    .field("phone", "context.traits.phone")
                    .field("session_count", "context.traits.sessionCount")
                    .field("unsubscribed_from_emails", "context.traits.unsubscribedFromEmails")
                    .field("unsubscribed_from_calls", "context.traits.unsubscribedFromCalls")
                    .field("signed_up_at", "context.traits.signedUpAt", "timestamp", "originalTimestamp")
                    .build(),
            JsonPath.all("context.traits"),
            JsonPath.all("context.traits.name"),
            JsonPath.all("context.traits.firstName", "context.traits.firstname", "context.traits.first_name"),
            JsonPath.all("context.traits.lastName", "context.traits.lastname", "context.traits.last_name"));

    /** Person trait keys that never become custom attributes (exact spellings only). */
    static final Set<String> RESERVED_PERSON = Set.of("userId", "email", "phone", "name", "signed_up_at",
            "session_count", "unsubscribed_from_emails", "unsubscribed_from_calls", "company");

    /** Company fields after company_id. */
    static final FieldTable COMPANY = FieldTable.builder()
            .field("name", "traits.name")
            .field("industry", "traits.industry")
            .field("size", "traits.size")
            .field("website", "traits.website", "traits.url")
            .field("plan", "traits.plan")
            .field("monthly_revenue", "traits.monthly_revenue", "traits.monthlyRevenue", "traits.mrr")
            .field("churned", "traits.churned")
            .build();

    /** Group trait keys that never become company custom attributes. */
    static final Set<String> RESERVED_COMPANY = Set.of("id", "name", "industry", "company_id", "size", "website",
            "plan", "monthly_revenue", "churned");

    /** The person's link to the group's company, for its remove flag. */
    static final JsonPath CONTEXT_COMPANY = JsonPath.of("context.traits.company");

    /** Event fields after user_id. */
    static final FieldTable EVENT = FieldTable.builder()
            .requireOneOf(MISSING_ID, "user_id", "email")
            .field("email", "traits.email", "context.traits.email", "properties.email")
            .field("name", "event")
            .required("created_at", Problem.of("missing-timestamp",
                    "custify track needs timestamp or originalTimestamp for created_at"),
                    "timestamp", "originalTimestamp")
            .field("company_id", "properties.organization_id", "properties.company_id", "properties.companyId")
            .build();
}
