package io.cfsync.dest;

/**
 * How a destination takes many events in one request: every planned request to {@code entityUrl} is one entity;
 * entities are packed, in input order, into {@code POST url} bodies {@code {"<field>":[entity,…]}} of at most
 * {@code maxBodyBytes} and {@code maxEntities}. A 207 answer lists rejected entities in {@code errors[]} by
 * {@code batch_index}. Immutable.
 */
public record BatchSpec(String entityUrl, String url, String field, int maxBodyBytes, int maxEntities) {
    /** The same with another entity cap (never above this one's). */
    public BatchSpec withMaxEntities(int n) {
        return new BatchSpec(entityUrl, url, field, maxBodyBytes, Math.max(1, Math.min(n, maxEntities)));
    }
}
