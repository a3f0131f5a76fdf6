package io.cfsync.faults;

/**
 * One fault-suite case: a corpus, a vendor schedule, how the runs are stopped and how cf-sync is invoked.
 *
 * @param stop        how runs are stopped before the end
 * @param v2          Customer.io {@code apiVersion=v2} (batches of {@code batchSize}), else v1 (one request per event)
 * @param events      about how many input lines
 * @param users       over how many people
 * @param concurrency {@code --concurrency}
 * @param batchSize   {@code --batch-size} (v2 only)
 * @param stops       how many runs are stopped (for stops the driver makes: signals, kill -9)
 * @param seed        corpus, schedule and stop moments
 * @param plan        the vendor's transient faults
 */
record Scenario(Stop stop, boolean v2, int events, int users, int concurrency, int batchSize, int stops, long seed,
                FaultPlan plan) {
    /** How a run is stopped. */
    enum Stop {
        /** No stop: transient faults and lost responses only. */
        NONE,
        /** {@code kill -9} (no shutdown hook, nothing flushed). */
        KILL9,
        /** SIGTERM. */
        SIGTERM,
        /** SIGINT (Ctrl-C). */
        SIGINT,
        /** SIGHUP (the terminal closed, an ssh session dropped). */
        SIGHUP,
        /** The vendor revokes the key mid-run (401); the next run has the right key. */
        UNAUTHORIZED,
        /** Everything 503 until the run gives up ({@code --give-up-after}); the vendor is back for the next. */
        OUTAGE,
        /** {@code --max-runtime} ends every run early until the work is done. */
        MAX_RUNTIME,
        /** The ledger's file system fills up in the middle of the first run; the next has room again. */
        LEDGER_DISK_FULL,
        /** The dead-letter file's file system is full during the first run; the next has room again. */
        DEAD_LETTER_DISK_FULL;

        /**
         * The exit code of a run this stop ended: 3 (aborted), or null for kill -9 (no exit of its own). Time-boxed
         * runs are not counted as stopped: they end normally, with 0 or 1.
         */
        Integer expectedExit() {
            return this == KILL9 ? null : 3;
        }

        boolean signal() {
            return this == KILL9 || this == SIGTERM || this == SIGINT || this == SIGHUP;
        }

        boolean diskFull() {
            return this == LEDGER_DISK_FULL || this == DEAD_LETTER_DISK_FULL;
        }
    }

    /** A case with the suite's usual size: 220 events over 44 people, a mixed fault schedule. */
    static Scenario of(Stop stop, boolean v2, int concurrency, long seed) {
        return new Scenario(stop, v2, 220, 44, concurrency, 20, stop.signal() ? 2 : 1, seed, FaultPlan.mixed(seed, 8));
    }

    Scenario sized(int newEvents, int newUsers) {
        return new Scenario(stop, v2, newEvents, newUsers, concurrency, batchSize, stops, seed, plan);
    }

    Scenario withPlan(FaultPlan p) {
        return new Scenario(stop, v2, events, users, concurrency, batchSize, stops, seed, p);
    }

    Scenario withStops(int n) {
        return new Scenario(stop, v2, events, users, concurrency, batchSize, n, seed, plan);
    }

    /** Most events a kill -9 may leave delivered but unrecorded: one batch in v2, the requests in flight in v1. */
    int inFlightEvents() {
        return v2 ? batchSize : concurrency;
    }

    String label() {
        return stop.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-') + (v2 ? " v2" : " v1") + " c"
                + concurrency;
    }
}
