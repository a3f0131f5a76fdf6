package io.cfsync.send.rate;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sending simulated on a fake clock through a {@link Pacing}, as the sender does it: each of {@code callers} asks
 * for a sending time as soon as its last request was answered, tries to send at that time plus a seeded delay below
 * {@code maxLate} (a busy scheduler), waits in place while the pacing holds it, and hears the answer 5 ms after
 * sending. Times are nanoseconds
 * from the start. Not thread-safe.
 */
public final class Paced {
    public static final long SECOND = 1_000_000_000L;
    private static final long START = 1_000 * SECOND;
    /** How long the vendor takes to answer. */
    private static final long ANSWER = 5_000_000L;

    private Paced() {
    }

    /** Send times within the first {@code seconds} of a run at {@code rate} paced locally. */
    public static List<Long> sends(double rate, int seconds, int callers, long maxLate, long seed) {
        AtomicLong clock = new AtomicLong(START);
        Pacing pacing = Pacings.local(rate, true, null, new Clocks(clock::get, () -> 0L));
        Random random = new Random(seed);
        // {time, caller, 0 = ask for a time / 1 = try to send / 2 = hear the answer}
        PriorityQueue<long[]> due = new PriorityQueue<>((a, b) -> Long.compare(a[0], b[0]));
        for (int c = 0; c < callers; c++) {
            due.add(new long[] {START, c, 0});
        }
        List<Long> sent = new ArrayList<>();
        long end = START + seconds * SECOND;
        while (!due.isEmpty() && due.peek()[0] < end) {
            long[] e = due.poll();
            clock.set(e[0]);
            if (e[2] == 2) {
                pacing.answered(new Pacing.Answer(200, null, null));
                due.add(new long[] {e[0], e[1], 0});
            } else if (e[2] == 0) {
                long late = maxLate == 0 ? 0 : (long) (random.nextDouble() * maxLate);
                due.add(new long[] {e[0] + pacing.reserve(e[0]) + late, e[1], 1});
            } else {
                long wait = pacing.admit(e[0]);
                if (wait > 0) {
                    due.add(new long[] {e[0] + wait, e[1], 1});
                } else {
                    sent.add(e[0] - START);
                    due.add(new long[] {e[0] + ANSWER, e[1], 2});
                }
            }
        }
        return sent;
    }

    /** Requests per second from the first send to the last, as a vendor would measure it. */
    public static double achieved(List<Long> sends) {
        List<Long> t = sorted(sends);
        return (t.size() - 1) * 1e9 / (t.get(t.size() - 1) - t.get(0));
    }

    /** The most sends in any half-open window {@code [t, t + length)}. */
    public static int mostIn(List<Long> sends, long length) {
        List<Long> t = sorted(sends);
        int most = 0;
        int j = 0;
        for (int i = 0; i < t.size(); i++) {
            while (j < t.size() && t.get(j) - t.get(i) < length) {
                j++;
            }
            most = Math.max(most, j - i);
        }
        return most;
    }

    /**
     * What breaks the ceiling {@code rate}: more than {@code ceil(rate)} sends in a one-second window, or more than
     * {@code rate * k + 1} in a window of {@code k} whole seconds; null when none does.
     */
    public static String overCeiling(List<Long> sends, double rate, int maxSeconds) {
        int second = mostIn(sends, SECOND);
        if (second > Math.ceil(rate)) {
            return second + " sends in one second at rate " + rate + ": " + crowded(sends, SECOND, second);
        }
        for (int k = 2; k <= maxSeconds; k++) {
            int most = mostIn(sends, k * SECOND);
            if (most > rate * k + 1) {
                return most + " sends in " + k + " seconds at rate " + rate + ": " + crowded(sends, k * SECOND, most);
            }
        }
        return null;
    }

    /** Where {@code most} sends fall within {@code length}: milliseconds from the first send, around them. */
    private static String crowded(List<Long> sends, long length, int most) {
        List<Long> t = sorted(sends);
        for (int i = 0; i + most - 1 < t.size(); i++) {
            if (t.get(i + most - 1) - t.get(i) < length) {
                StringBuilder b = new StringBuilder("send " + i + " on, at ms");
                for (int j = Math.max(0, i - 2); j < Math.min(t.size(), i + most + 2); j++) {
                    b.append(' ').append((t.get(j) - t.get(0)) / 1_000_000);
                }
                return b.toString();
            }
        }
        return "";
    }

    private static List<Long> sorted(List<Long> sends) {
        List<Long> t = new ArrayList<>(sends);
        Collections.sort(t);
        return t;
    }
}
