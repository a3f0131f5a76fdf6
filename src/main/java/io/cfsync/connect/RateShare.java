package io.cfsync.connect;

import io.cfsync.pipeline.Setup;
import io.cfsync.report.Console;
import io.cfsync.send.SinkTuning;
import io.cfsync.send.SinkSpec;

/**
 * One task's part of {@code cf.rate} ({@link TaskShares}), as the sink spec its sender is made from. The pacer of
 * a running sink cannot change its rate, so a share that moved is applied by the task opening a fresh sink at the
 * next put; small moves (under 1%) are ignored so that a rebalance storm does not churn sinks. For the task thread.
 */
final class RateShare {
    private final TaskShares shares;
    private final int taskId;
    private final double connectorRate;
    private final Setup setup;
    private final SinkTuning options;
    private final Console console;
    private long seen = -1;
    private double applied = Double.NaN;

    /** Joins {@code connector}'s split as task {@code taskId}; a previous instance of the task is superseded. */
    RateShare(String connector, int taskId, ConnectorConfig.Parsed cfg, Console console) {
        this.shares = TaskShares.join(connector, cfg.tasks(), taskId, this);
        this.taskId = taskId;
        this.connectorRate = cfg.connectorRate();
        this.setup = cfg.setup();
        this.options = cfg.options();
        this.console = console;
    }

    /**
     * The spec at the share of now, which becomes the one applied; with a shared budget, the whole {@code cf.rate}
     * drawn from it, since the budget itself divides it among the tasks that send.
     */
    SinkSpec spec() {
        seen = shares.version();
        if (options.shared() != null) {
            applied = options.rate();
            return setup.sending(options, console);
        }
        applied = shares.share(taskId, connectorRate);
        return setup.sending(withRate(applied), console);
    }

    /** Whether the share moved since {@link #spec} by more than 1%. */
    boolean moved() {
        if (options.shared() != null || shares.version() == seen) {
            return false;
        }
        seen = shares.version();
        double now = shares.share(taskId, connectorRate);
        return Double.isInfinite(now) != Double.isInfinite(applied) || Math.abs(now - applied) > applied / 100;
    }

    /** This task holds {@code partitions} partitions now. */
    void hold(int partitions) {
        shares.hold(taskId, this, partitions);
    }

    /** The task stopped; its share goes to its siblings. */
    void leave() {
        shares.leave(taskId, this);
    }

    /**
     * Whether this task was restarted while this instance is still stopping: the worker has given up on it and
     * will not commit what it settles now, so its successor sends those events again.
     */
    boolean superseded() {
        return shares.superseded(taskId, this);
    }

    /** The rate of the sink made last, for the log. */
    double applied() {
        return applied;
    }

    private SinkTuning withRate(double rate) {
        return options.withShared(null).withRate(rate);
    }
}
