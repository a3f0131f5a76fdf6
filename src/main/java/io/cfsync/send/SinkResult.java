package io.cfsync.send;

/**
 * How a sink ended, once every submitted delivery was reported.
 *
 * @param firstPending where the first event left pending was read ({@code file:line}, in submission order), or
 *                     null when every event was settled
 * @param stop         why the run stopped early, or null when it was not stopped
 */
public record SinkResult(String firstPending, RunControl.Stop stop) {
    /** Every event settled, no stop. */
    public static final SinkResult SETTLED = new SinkResult(null, null);
}
