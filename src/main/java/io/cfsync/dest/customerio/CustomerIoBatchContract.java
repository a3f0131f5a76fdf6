package io.cfsync.dest.customerio;

/**
 * What one Customer.io {@code POST {base}/api/v2/batch} accepts (reference 2.12, 2.13): the body
 * {@code {"batch":[entity,…]}} at most {@code maxBodyBytes} serialized, each entity at most {@code maxEntityBytes}.
 * The entities are the bodies the translator plans with {@code apiVersion=v2}, one per event; entities over
 * {@code maxEntityBytes} never reach a plan. A 207 answer names rejected entities by {@code batch_index}.
 *
 * @param path               URL path after the base URL
 * @param maxBodyBytes       largest serialized batch body
 * @param maxEntityBytes     largest serialized entity
 * @param defaultMaxEntities entities per batch unless configured otherwise
 */
public record CustomerIoBatchContract(String path, int maxBodyBytes, int maxEntityBytes, int defaultMaxEntities) {
    public static final CustomerIoBatchContract V2 = new CustomerIoBatchContract("/api/v2/batch", 500_000, 32_768,
            1000);
}
