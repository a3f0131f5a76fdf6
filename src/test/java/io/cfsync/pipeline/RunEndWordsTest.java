package io.cfsync.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cfsync.report.RunStats;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The counts a stopped run's note and its ledger line give are grouped by thousands, as the summary's are. */
@Timeout(10)
class RunEndWordsTest {
    @Test
    void theStopNoteGroupsEveryCountAsTheSummaryDoes() {
        RunStats s = new RunStats();
        s.notAttempted.add(1023);
        s.interrupted.add(1325);
        assertEquals("2,348 events were left pending (1,023 not attempted, 1,325 interrupted; the first at "
                + "in.ndjson:7): they are not in the dead-letter file", RunEnd.pendingWords(s, "in.ndjson:7"));
    }

    @Test
    void theLedgerLineThatStatusShowsGroupsItsCounts() {
        RunStats s = new RunStats();
        s.delivered.add(2348);
        s.deadLettered.add("invalid", 1200);
        assertEquals("2,348 delivered, 0 skipped, 1,200 dead-lettered, stopped at --max-runtime",
                RunEnd.ledgerSummary(s, true));
    }
}
