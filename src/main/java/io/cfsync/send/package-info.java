/**
 * Sinks (dry-run printer, curl printer, batching decorator, HTTP sink) made by one factory, per-user lanes, the
 * HttpClient 5 lifecycle ({@code Transport}), auth at the last moment ({@code Wire}), response classification
 * ({@code Classifier}) and the resilience classes: Failsafe is composed once, in {@code Resilience}, outside in
 * retry, circuit breaker, pacing.
 *
 * <p>Pacing lives in {@link io.cfsync.send.rate}: {@code Resilience} receives one
 * {@link io.cfsync.send.rate.Pacing}, chosen and built from the {@link io.cfsync.send.SinkTuning} by
 * {@code PacingSetup}, and never builds pacing parts itself; the HTTP sink closes it.
 *
 * <p>Uses {@code dest}, {@code report} and {@code send.rate}. Failsafe only in {@code Resilience} and
 * {@code InlineScheduler}; HttpClient only in {@code Transport}, {@code TransportWords}, {@code Classifier} and
 * {@code ProxyRoutes}.
 */
package io.cfsync.send;
