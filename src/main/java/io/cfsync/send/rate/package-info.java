/**
 * Pacing behind one interface, {@link io.cfsync.send.rate.Pacing}: reserve a sending time, be admitted at the
 * instant of sending, hear the answer, give the figures. The sender sees nothing else.
 *
 * <p>The local pacing ({@link io.cfsync.send.rate.Pacings#local}) is a {@code Pacer} of four parts, each replaceable
 * on its own: a {@link io.cfsync.send.rate.Ceiling} (the rate allowed now: {@code --rate} adapted to 429s by
 * {@link io.cfsync.send.rate.AdaptiveRate}), {@link io.cfsync.send.rate.Permits} (sending times at that rate:
 * {@link io.cfsync.send.rate.EvenPermits}), the vendor's announced budget ({@link io.cfsync.send.rate.RateBudget},
 * from {@code x-ratelimit-*} headers) and the hard ceiling at the instant of sending ({@code SendWindow}). A budget
 * shared by several workers supplies its own ceiling and permits through
 * {@link io.cfsync.send.rate.Pacings#of} and keeps the other two.
 *
 * <p>A budget shared by several workers ({@code --shared-rate}) is {@link io.cfsync.send.rate.SharedPacing}: its
 * permits come in blocks from a GCRA budget held in Redis ({@link io.cfsync.send.rate.SharedPacer} over a
 * {@link io.cfsync.send.rate.SharedStore}), its rate is the budget's, lowered by any worker's 429s and followed by
 * all. The Redis client lives in {@code send.rate.redis} alone.
 *
 * <p>Uses {@code report} (the rate figures) and nothing else of cf-sync; never the sender that calls it.
 */
package io.cfsync.send.rate;
