package io.cfsync.connect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The split of cf.rate over a connector's tasks, as tasks start, take partitions and stop. */
@Timeout(10)
class TaskSharesTest {
    @Test
    void anEvenSplitAtStartFollowsThePartitionsAndFreesTheShareOfATaskThatStops() {
        Object t0 = new Object();
        Object t1 = new Object();
        Object t2 = new Object();
        TaskShares a = TaskShares.join("c-follow", 3, 0, t0);
        TaskShares.join("c-follow", 3, 1, t1);
        TaskShares.join("c-follow", 3, 2, t2);
        assertEquals(10.0, a.share(0, 30), 1e-9, "even before anyone holds a partition");
        // Two partitions for three tasks: the task given none frees its share.
        a.hold(0, t0, 1);
        a.hold(1, t1, 1);
        assertEquals(15.0, a.share(0, 30), 1e-9);
        assertEquals(15.0, a.share(1, 30), 1e-9);
        long before = a.version();
        a.leave(1, t1);
        a.hold(0, t0, 2); // its partition moved to task 0
        assertNotEquals(before, a.version(), "tasks see the change");
        assertEquals(20.0, a.share(0, 30), 1e-9, "the stopped task's share moved with its partition, within the "
                + "two thirds this worker's two live tasks hold");
        a.leave(0, t0);
        a.leave(2, t2);
    }

    @Test
    void tasksInOtherWorkersKeepTheirEvenShareSoTheWholeNeverExceedsTheRate() {
        // Task 1 of 2 runs in another worker: this worker sees only task 0, which gets half, whatever it holds.
        Object t0 = new Object();
        TaskShares a = TaskShares.join("c-spread", 2, 0, t0);
        a.hold(0, t0, 4);
        assertEquals(50.0, a.share(0, 100), 1e-9);
        assertEquals(Double.POSITIVE_INFINITY, a.share(0, Double.POSITIVE_INFINITY));
        a.leave(0, t0);
    }

    @Test
    void anotherTaskCountIsAnotherGeneration() {
        Object before = new Object();
        Object after = new Object();
        TaskShares old = TaskShares.join("c-gen", 2, 0, before);
        TaskShares now = TaskShares.join("c-gen", 4, 0, after);
        assertNotEquals(old, now);
        assertEquals(25.0, now.share(0, 100), 1e-9);
        old.leave(0, before);
        now.leave(0, after);
    }

    @Test
    void aRestartedTaskSupersedesItsPreviousInstanceWhichCannotTakeItsPlaceWithIt() {
        // Task 0 restarted while its previous instance is still stopping; task 1 runs beside them.
        Object previous = new Object();
        Object restarted = new Object();
        Object sibling = new Object();
        TaskShares a = TaskShares.join("c-restart", 2, 0, previous);
        TaskShares.join("c-restart", 2, 1, sibling);
        a.hold(0, previous, 3);
        a.hold(1, sibling, 1);
        assertFalse(a.superseded(0, previous));
        assertSame(a, TaskShares.join("c-restart", 2, 0, restarted));
        assertTrue(a.superseded(0, previous), "the previous instance learns it was replaced");
        assertFalse(a.superseded(0, restarted));
        a.hold(0, restarted, 3);
        a.hold(0, previous, 0); // the previous instance closing its partitions
        a.leave(0, previous);
        assertEquals(37.5, a.share(0, 50), 1e-9, "the restarted task keeps its entry and its partitions");
        assertEquals(12.5, a.share(1, 50), 1e-9);
        a.leave(0, restarted);
        a.leave(1, sibling);
    }
}
