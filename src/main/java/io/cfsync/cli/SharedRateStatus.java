package io.cfsync.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cfsync.report.Durations;
import io.cfsync.report.RunStats;
import io.cfsync.send.SharedBudget;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * {@code cf-sync status --shared-rate URL}: the budgets in that Redis (or the one named), each with its ceiling,
 * its rate now, and the workers heard from in the last 10 s with their shard or task and their share of the last
 * minute. Stateless.
 */
final class SharedRateStatus {
    private static final ObjectMapper JSON = new ObjectMapper();

    private SharedRateStatus() {
    }

    /** Prints the budgets as text or JSON. @throws UsageException when Redis cannot be reached */
    static void print(PrintStream out, String url, String key, boolean json) {
        List<SharedBudget.Status> budgets;
        try {
            budgets = key == null ? SharedBudget.all(url) : List.of(SharedBudget.status(url, key));
        } catch (SharedBudget.Unusable e) {
            throw new UsageException("--shared-rate " + e.getMessage()); // not echoed: it may hold a password
        }
        if (json) {
            ObjectNode root = JSON.createObjectNode();
            ArrayNode list = root.putArray("budgets");
            budgets.forEach(b -> list.add(node(b)));
            out.println(root.toString());
            return;
        }
        if (budgets.isEmpty()) {
            out.println("no shared rate budgets in the Redis at " + SharedBudget.shown(url) + " yet");
        }
        budgets.forEach(b -> text(out, b));
    }

    private static void text(PrintStream out, SharedBudget.Status b) {
        out.println("shared rate budget " + b.name() + " at " + b.url());
        if (Double.isNaN(b.ceiling())) {
            out.println("  no worker has taken from it yet");
        } else {
            out.println("  ceiling " + RunStats.Rate.perSecond(b.ceiling()) + ", rate now "
                    + RunStats.Rate.perSecond(b.rate()) + (b.rate() < b.ceiling() ? " (lowered by 429s)" : ""));
        }
        long total = b.workers().stream().mapToLong(SharedBudget.Worker::lastMinute).sum();
        out.println("  workers: " + b.workers().size());
        for (SharedBudget.Worker w : b.workers()) {
            out.printf(Locale.ROOT, "    %-28s %-12s %,d requests in the last minute (%d%%), heard %s ago%n", w.id(),
                    w.label().isEmpty() ? "-" : w.label(), w.lastMinute(), share(w, total),
                    Durations.format(Duration.ofMillis(w.ageMillis())));
        }
    }

    private static ObjectNode node(SharedBudget.Status b) {
        ObjectNode n = JSON.createObjectNode();
        n.put("name", b.name());
        n.put("url", b.url());
        if (Double.isNaN(b.ceiling())) {
            n.putNull("ceiling");
            n.putNull("rate");
        } else {
            n.put("ceiling", b.ceiling());
            n.put("rate", b.rate());
        }
        long total = b.workers().stream().mapToLong(SharedBudget.Worker::lastMinute).sum();
        ArrayNode ws = n.putArray("workers");
        for (SharedBudget.Worker w : b.workers()) {
            ws.addObject().put("id", w.id()).put("label", w.label()).put("lastMinute", w.lastMinute())
                    .put("sharePercent", share(w, total)).put("heardMillisAgo", w.ageMillis());
        }
        return n;
    }

    private static long share(SharedBudget.Worker w, long total) {
        return total == 0 ? 0 : Math.round(w.lastMinute() * 100.0 / total);
    }
}
