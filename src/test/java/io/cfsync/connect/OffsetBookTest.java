package io.cfsync.connect;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Offsets advance only past finished records, whatever order they finish in. */
@Timeout(10)
class OffsetBookTest {
    private static final TopicPartition P0 = new TopicPartition("t", 0);
    private static final TopicPartition P1 = new TopicPartition("t", 1);

    private static long committable(OffsetBook b, TopicPartition tp) {
        return b.committable(List.of(tp)).get(tp).offset();
    }

    @Test
    void commitStopsAtTheFirstUnfinishedRecord() {
        OffsetBook b = new OffsetBook();
        b.add(P0, 10, 1);
        b.add(P0, 11, 1);
        b.add(P0, 12, 0); // skipped: finished at once
        b.finished(P0, 11);
        assertEquals(10, committable(b, P0));
        b.finished(P0, 10);
        assertEquals(13, committable(b, P0));
        assertEquals(0, b.unfinished());
    }

    @Test
    void aRecordOfSeveralEventsIsFinishedWhenAllAre() {
        OffsetBook b = new OffsetBook();
        b.add(P0, 5, 2);
        b.finished(P0, 5);
        assertEquals(5, committable(b, P0));
        b.finished(P0, 5);
        assertEquals(6, committable(b, P0));
    }

    @Test
    void forgottenPartitionsAreNotCommittedAndLateFinishesAreIgnored() {
        OffsetBook b = new OffsetBook();
        b.add(P0, 1, 1);
        b.add(P1, 7, 1);
        b.forget(List.of(P1));
        b.finished(P1, 7);
        assertEquals(1, b.unfinished());
        assertEquals(List.of(P0), List.copyOf(b.committable(List.of(P0, P1)).keySet()));
    }

    @Test
    void aWaiterWakesOnceEnoughAreFinished() throws Exception {
        OffsetBook b = new OffsetBook();
        b.add(P0, 1, 2);
        Thread senders = new Thread(() -> {
            b.finished(P0, 1);
            b.finished(P0, 1);
        });
        senders.start();
        b.awaitAtMost(0, 8_000);
        assertEquals(0, b.unfinished());
        senders.join();
    }

    @Test
    void aDrainWaitsForItsOwnPartitionsOnlyAndEndsWhenTheyAreFinished() throws Exception {
        OffsetBook b = new OffsetBook();
        b.add(P0, 0, 1);
        b.add(P0, 1, 1);
        b.add(P1, 0, 1); // another partition's event, left unfinished: it does not hold the drain
        assertEquals(2, b.unfinished(List.of(P0)));
        Thread sender = new Thread(() -> {
            b.finished(P0, 1);
            b.finished(P0, 0);
        });
        sender.start();
        // Bounded by the test's timeout, not by a clock window: returns once P0 has nothing unfinished.
        while (!b.awaitSettled(List.of(P0), 1000)) {
            Thread.onSpinWait();
        }
        sender.join();
        assertEquals(2, committable(b, P0));
        assertEquals(1, b.unfinished());
    }

    @Test
    void aDrainThatRunsOutLeavesTheCommitAtTheFirstUnfinishedRecord() throws Exception {
        OffsetBook b = new OffsetBook();
        b.add(P0, 0, 1);
        b.add(P0, 1, 1);
        b.finished(P0, 1);
        assertEquals(false, b.awaitSettled(List.of(P0), 1));
        assertEquals(0, committable(b, P0));
    }
}
