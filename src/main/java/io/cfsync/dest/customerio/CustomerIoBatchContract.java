package io.cfsync.dest.customerio;

/**
 * What one Customer.io batch request accepts: {@link #V2} for the Track API's {@code POST {base}/api/v2/batch}
 * (reference 2.12, 2.13), {@link #PIPELINES} for the Data Pipelines API's {@code POST {base}/v1/batch}. Either
 * takes the body {@code {"batch":[entity,…]}} of at most {@code maxBodyBytes} serialized, each entity at most
 * {@code maxEntityBytes}. The entities are the bodies the translator plans, one per event (v2 entities, or
 * Pipelines calls); entities over {@code maxEntityBytes} never reach a plan.
 *
 * <p>Answers ({@link io.cfsync.dest.BatchAnswer} reads them): the Track API documents for {@code /api/v2/batch} a
 * 200 with an empty object, and a 207 whose {@code errors[]} give each failing entity's 0-based
 * {@code batch_index} as an integer, with {@code reason}, {@code field} and {@code message}
 * (https://docs.customer.io/api/track/ , "Send multiple requests"; the published journeys-track OpenAPI); the
 * Pipelines API documents for {@code /v1/batch} only a 200 with an empty object, and, with {@code X-Strict-Mode: 1}
 * (which every request here carries), 400/401 for calls it refuses (https://docs.customer.io/api/cdp/ , "Batch
 * requests"). A 207 from Pipelines is read with the Track API's shape, and trusted only when it reads strictly.
 *
 * @param path               URL path after the base URL
 * @param maxBodyBytes       largest serialized batch body
 * @param maxEntityBytes     largest serialized entity
 * @param defaultMaxEntities entities per batch unless configured otherwise
 */
record CustomerIoBatchContract(String path, int maxBodyBytes, int maxEntityBytes, int defaultMaxEntities) {
    public static final CustomerIoBatchContract V2 = new CustomerIoBatchContract("/api/v2/batch", 500_000, 32_768,
            1000);
    /**
     * The Data Pipelines API's {@code POST /v1/batch}: "a batch request is limited to 500KB total and 32KB per
     * call", and a single call to 32KB (https://docs.customer.io/integrations/api/cdp/). KB is read as 1,000 and
     * 1,024 bytes the way that keeps under both readings. No count is documented: the cap is the same 1,000 calls.
     */
    public static final CustomerIoBatchContract PIPELINES = new CustomerIoBatchContract("/v1/batch", 500_000,
            32_000, 1000);
    /**
     * What a Pipelines batch carries once for all its calls: "the context and integrations objects apply to all
     * calls in the request", and different values for different calls cannot be set (the vendor's batch
     * documentation; its batch schema lists neither inside a call of a batch).
     */
    public static final java.util.List<String> PIPELINES_SHARED = java.util.List.of("context", "integrations");
}
