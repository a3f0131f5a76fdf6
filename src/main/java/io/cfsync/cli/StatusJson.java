package io.cfsync.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cfsync.state.Lease;
import io.cfsync.state.Ledger;
import io.cfsync.state.SourceState;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * {@code cf-sync status --json}: what the ledgers record, for scripts. The document is
 * {@code {"ledgers":[{"path","lock","destinations":[{"name","delivered","inputs":[{"path","watermark","finished",
 * "hashed"}]}],"runs":[{"id","dest","pid","startedAt","endedAt","outcome","summary"}]}]}}; {@code lock} is null
 * when free, else {@code {"runId","pid","host","startedAt","refreshedAt","staleAt","look","stale"}}: {@code look} is
 * {@code running-here}, {@code gone-here}, {@code fresh} or {@code in-doubt} ({@link Lease.Look}), and {@code stale}
 * is true for {@code gone-here} and {@code in-doubt}: a run may take those over (an in-doubt one after watching
 * it). With {@code --break-lock} each ledger is {@code {"path","removedLock"}} (the lock removed, or null). Commands in the
 * ledger were redacted when recorded. Stateless.
 */
final class StatusJson {
    private StatusJson() {
    }

    /** Prints the document for {@code ledgers}; returns the exit code. */
    static int print(java.io.OutputStream out, List<Path> ledgers, boolean breakLock, int runs) {
        ObjectNode doc = JsonOutput.object();
        ArrayNode all = doc.putArray("ledgers");
        for (Path p : ledgers) {
            all.add(breakLock ? brokenLock(p) : ledger(p, runs));
        }
        return JsonOutput.print(out, doc);
    }

    static ObjectNode ledger(Path p, int runs) {
        ObjectNode o = JsonOutput.object();
        o.put("path", p.toString());
        try (Ledger l = Ledger.open(p)) {
            o.set("lock", l.lease().map(x -> lease(x, l.look(x, Instant.now()))).orElse(null));
            ArrayNode dests = o.putArray("destinations");
            Map<String, Long> delivered = l.deliveredCounts();
            for (String dest : l.destinations()) {
                ObjectNode d = dests.addObject();
                d.put("name", dest);
                d.put("delivered", delivered.getOrDefault(dest, 0L));
                ArrayNode inputs = d.putArray("inputs");
                for (SourceState s : l.sources(dest)) {
                    inputs.addObject().put("path", s.path()).put("watermark", s.watermark())
                            .put("finished", s.complete()).put("hashed", s.prefixSha256() != null);
                }
            }
            ArrayNode last = o.putArray("runs");
            for (Ledger.Run r : l.lastRuns(runs)) {
                last.addObject().put("id", r.id()).put("dest", r.dest()).put("pid", r.pid())
                        .put("startedAt", r.startedAt()).put("endedAt", r.endedAt()).put("outcome", r.outcome())
                        .put("summary", r.summary());
            }
        }
        return o;
    }

    static ObjectNode brokenLock(Path p) {
        ObjectNode o = JsonOutput.object();
        o.put("path", p.toString());
        try (Ledger l = Ledger.open(p)) {
            o.set("removedLock", l.breakLock().map(x -> lease(x, l.look(x, Instant.now()))).orElse(null));
        }
        return o;
    }

    private static ObjectNode lease(Lease l, Lease.Look look) {
        return JsonOutput.object().put("runId", l.runId()).put("pid", l.pid()).put("host", l.host())
                .put("startedAt", String.valueOf(l.startedAt())).put("refreshedAt", String.valueOf(l.refreshedAt()))
                .put("staleAt", String.valueOf(l.staleAt()))
                .put("look", look.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'))
                .put("stale", look == Lease.Look.GONE_HERE || look == Lease.Look.IN_DOUBT);
    }
}
