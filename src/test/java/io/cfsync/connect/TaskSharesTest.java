package io.cfsync.connect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The split of cf.rate over a connector's tasks, as tasks start, take partitions and stop. */
@Timeout(10)
class TaskSharesTest {
    @Test
    void anEvenSplitAtStartFollowsThePartitionsAndFreesTheShareOfATaskThatStops() {
        TaskShares a = TaskShares.join("c-follow", 3, 0);
        TaskShares.join("c-follow", 3, 1);
        TaskShares.join("c-follow", 3, 2);
        assertEquals(10.0, a.share(0, 30), 1e-9, "even before anyone holds a partition");
        // Two partitions for three tasks: the task given none frees its share.
        a.hold(0, 1);
        a.hold(1, 1);
        assertEquals(15.0, a.share(0, 30), 1e-9);
        assertEquals(15.0, a.share(1, 30), 1e-9);
        long before = a.version();
        a.leave(1);
        a.hold(0, 2); // its partition moved to task 0
        assertNotEquals(before, a.version(), "tasks see the change");
        assertEquals(20.0, a.share(0, 30), 1e-9, "the stopped task's share moved with its partition, within the "
                + "two thirds this worker's two live tasks hold");
        a.leave(0);
        a.leave(2);
    }

    @Test
    void tasksInOtherWorkersKeepTheirEvenShareSoTheWholeNeverExceedsTheRate() {
        // Task 1 of 2 runs in another worker: this worker sees only task 0, which gets half, whatever it holds.
        TaskShares a = TaskShares.join("c-spread", 2, 0);
        a.hold(0, 4);
        assertEquals(50.0, a.share(0, 100), 1e-9);
        assertEquals(Double.POSITIVE_INFINITY, a.share(0, Double.POSITIVE_INFINITY));
        a.leave(0);
    }

    @Test
    void anotherTaskCountIsAnotherGeneration() {
        TaskShares old = TaskShares.join("c-gen", 2, 0);
        TaskShares now = TaskShares.join("c-gen", 4, 0);
        assertNotEquals(old, now);
        assertEquals(25.0, now.share(0, 100), 1e-9);
        old.leave(0);
        now.leave(0);
    }
}
