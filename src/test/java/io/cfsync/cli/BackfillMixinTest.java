package io.cfsync.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class BackfillMixinTest {
    @ParameterizedTest
    @CsvSource({"90s,90", "50m,3000", "2h,7200", "1h30m,5400", "1d,86400", "PT15M,900", "1500ms,1"})
    void durationsParse(String text, long seconds) {
        assertEquals(seconds, BackfillMixin.duration("--max-runtime", text).getSeconds());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "soon", "10", "5x", "m5", "0s", "1h 30m", "-5m"})
    void badDurationsAreUsageErrors(String text) {
        assertThrows(UsageException.class, () -> BackfillMixin.duration("--max-runtime", text));
    }

    @ParameterizedTest
    @CsvSource({"1/4,1,4", "4/4,4,4", "1/1,1,1"})
    void shardsParse(String text, int i, int n) {
        BackfillMixin m = new BackfillMixin();
        m.shard = text;
        assertEquals(i, m.shard().index());
        assertEquals(n, m.shard().count());
        assertEquals(Duration.ofMinutes(5), BackfillMixin.duration("x", "5m"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0/4", "5/4", "1-4", "a/b", "/4"})
    void badShardsAreUsageErrors(String text) {
        BackfillMixin m = new BackfillMixin();
        m.shard = text;
        assertThrows(UsageException.class, m::shard);
    }
}
