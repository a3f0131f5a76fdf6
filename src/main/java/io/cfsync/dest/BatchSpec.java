package io.cfsync.dest;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How a destination takes many events in one request: every planned {@code POST} with a body to one of
 * {@code entityUrls} is one entity; entities are packed, in input order, into {@code POST url} bodies
 * {@code {"<field>":[entity,…]}} of at most {@code maxBodyBytes} and {@code maxEntities}, sent with
 * {@code headers} (credentials are added by the sender, as for any request). A 2xx answer is read strictly by
 * {@link BatchAnswer}: a 207 lists rejected entities in {@code errors[]} by {@code batch_index}, and an answer that
 * does not name each rejected entity unambiguously is unreadable. Immutable.
 *
 * <p>{@code shared}, when not null, names top-level members of an entity that the vendor reads once per batch
 * (a batch's {@code context} applying to all its calls): a batch then holds only entities whose shared members are
 * equal, and carries them once next to {@code <field>}, so no entity is read with another's. Several such batches
 * are packed at once, each identity in one of them only, so a user's entities still leave in input order. An empty
 * list packs the same way with nothing shared. Null packs one batch at a time, closed by any delivery that is not
 * an entity.
 */
public record BatchSpec(List<String> entityUrls, String url, String field, int maxBodyBytes, int maxEntities,
                        Map<String, String> headers, List<String> shared) {
    public BatchSpec {
        entityUrls = List.copyOf(entityUrls);
        headers = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(headers));
        shared = shared == null ? null : List.copyOf(shared);
    }

    /** Batches packed one at a time, nothing shared ({@link #sharing} names what a batch shares). */
    public static BatchSpec of(List<String> entityUrls, String url, String field, int maxBodyBytes, int maxEntities,
                               Map<String, String> headers) {
        return new BatchSpec(entityUrls, url, field, maxBodyBytes, maxEntities, headers, null);
    }

    /** One entity URL; the batch request carries {@code Content-Type: application/json} only. */
    public static BatchSpec of(String entityUrl, String url, String field, int maxBodyBytes, int maxEntities) {
        return of(List.of(entityUrl), url, field, maxBodyBytes, maxEntities, Map.of("Content-Type",
                "application/json"));
    }

    /** The first entity URL (the only one for most destinations). */
    public String entityUrl() {
        return entityUrls.get(0);
    }

    /** Whether {@code r} is one entity of a batch. */
    public boolean takes(VendorRequest r) {
        return r.body() != null && "POST".equals(r.method()) && entityUrls.contains(r.url());
    }

    /** The batch request without its body, as planned (no credentials). */
    public VendorRequest request() {
        return new VendorRequest("POST", url, headers, null, When.ALWAYS, null);
    }

    /** The same with another entity cap (never above this one's). */
    public BatchSpec withMaxEntities(int n) {
        return new BatchSpec(entityUrls, url, field, maxBodyBytes, Math.max(1, Math.min(n, maxEntities)), headers,
                shared);
    }

    /** The same, packed by equal {@code members} (see the type's comment). */
    public BatchSpec sharing(List<String> members) {
        return new BatchSpec(entityUrls, url, field, maxBodyBytes, maxEntities, headers, members);
    }
}
