/**
 * Sinks (dry-run printer, curl printer, batching decorator, bulk-job decorator, HTTP sink) made by one factory,
 * per-user lanes, the HttpClient 5 lifecycle ({@code Transport}), auth at the last moment ({@code Wire}), response classification
 * ({@code Classifier}) and the resilience classes: Failsafe is composed once, in {@code Resilience}, outside in
 * retry, circuit breaker, pacing.
 *
 * <p>Pacing lives in {@link io.cfsync.send.rate}: {@code Resilience} receives one
 * {@link io.cfsync.send.rate.Pacing}, chosen and built from the {@link io.cfsync.send.SinkTuning} by
 * {@code PacingSetup}, and never builds pacing parts itself; the HTTP sink closes it.
 *
 * <p>A {@link io.cfsync.send.Delivery} is one event's plan as the sender takes it: where it was read (file, line,
 * index in a batch), its messageId, the identities that order it and its requests. The event itself is not in it,
 * only its JSON tree and text, which the sender never reads and hands to the dead letter unchanged: sending knows
 * nothing of the event model, so it does not use {@code event}.
 *
 * <p>What the pipeline sees of this package is a short named list: {@code Sink}, {@code Delivery},
 * {@code DeliveryListener}, {@code Failure} and {@code BulkJobs} (the bulk jobs a listener keeps), the results
 * ({@code SinkResult}, {@code RunControl},
 * {@code OutputException}) and the factory {@link io.cfsync.send.Sinks} with what it is made from
 * ({@code SinkSpec}, {@code SinkTuning}, {@code Network}, {@code CurlFormat}); the sinks themselves, lanes,
 * resilience and the shared budget are reached only through the factory. Other packages that run or check a send
 * (the commands, the Connect task) may use more.
 *
 * <p>Vendor bulk jobs ({@code BulkingSink} packs, {@code BulkRun} submits, polls and reads the results): every
 * request of a job goes through {@code Resilience}, so it pays the same budget as the events; what a destination's
 * bulk protocol looks like is pure data from {@link io.cfsync.dest.BulkSpec}, and which jobs are still unread is
 * kept behind {@link io.cfsync.send.BulkJobs} (the ledger, through the listener), not here.
 *
 * <p>Uses {@code dest}, {@code report} and {@code send.rate}. Failsafe only in {@code Resilience} and
 * {@code InlineScheduler}; HttpClient only in {@code Transport}, {@code TransportWords}, {@code Classifier} and
 * {@code ProxyRoutes}. Jackson here turns a request body into bytes at the moment it is sent or printed, so a
 * dry-run prints exactly what would go, and reads a vendor's answers; {@code send.rate} uses none of it.
 */
package io.cfsync.send;
