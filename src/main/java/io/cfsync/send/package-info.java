/**
 * Sinks (dry-run printer, curl printer, batching decorator, bulk-job decorator, HTTP sink) made by one factory,
 * per-user lanes, the HttpClient 5 lifecycle ({@code Transport}), auth at the last moment ({@code Wire}), response classification
 * ({@code Classifier}) and the resilience classes: Failsafe is composed once, in {@code Resilience}, outside in
 * retry, circuit breaker, pacing.
 *
 * <p>Pacing lives in {@link io.cfsync.send.rate}: {@code Resilience} receives one
 * {@link io.cfsync.send.rate.Pacing}, chosen and built from the {@link io.cfsync.send.SendOptions} by
 * {@code PacingSetup}, and never builds pacing parts itself; the HTTP sink closes it.
 *
 * <p>Vendor bulk jobs ({@code BulkingSink} packs, {@code BulkRun} submits, polls and reads the results): every
 * request of a job goes through {@code Resilience}, so it pays the same budget as the events; what a destination's
 * bulk protocol looks like is pure data from {@link io.cfsync.dest.BulkSpec}, and which jobs are still unread is
 * kept behind {@link io.cfsync.send.BulkJobs} (the ledger, through the listener), not here.
 *
 * <p>Uses {@code dest}, {@code report} and {@code send.rate}. Failsafe only in {@code Resilience} and
 * {@code InlineScheduler}; HttpClient only in {@code Transport}, {@code TransportWords}, {@code Classifier} and
 * {@code ProxyRoutes}.
 */
package io.cfsync.send;
