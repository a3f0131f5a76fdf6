package io.cfsync.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ShardTest {
    @Test
    void everyUserFallsInExactlyOneShardAndSpreadIsEven() {
        int n = 4;
        int[] counts = new int[n];
        for (int u = 0; u < 20_000; u++) {
            String key = "user-" + u;
            int taken = 0;
            for (int i = 1; i <= n; i++) {
                if (new Shard(i, n).takes(key)) {
                    taken++;
                    counts[i - 1]++;
                }
            }
            assertEquals(1, taken, key);
        }
        for (int c : counts) {
            assertTrue(c > 4_500 && c < 5_500, "uneven shards: " + java.util.Arrays.toString(counts));
        }
        assertTrue(Shard.ALL.takes("anyone"));
    }
}
