package io.cfsync.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class BackfillMixinTest {
    @ParameterizedTest
    @CsvSource({"1/4,1,4", "4/4,4,4", "1/1,1,1"})
    void shardsParse(String text, int i, int n) {
        BackfillMixin m = new BackfillMixin();
        m.shard = text;
        assertEquals(i, m.shard().index());
        assertEquals(n, m.shard().count());
    }

    @ParameterizedTest
    @ValueSource(strings = {"0/4", "5/4", "1-4", "a/b", "/4"})
    void badShardsAreUsageErrors(String text) {
        BackfillMixin m = new BackfillMixin();
        m.shard = text;
        assertThrows(UsageException.class, m::shard);
    }

    @ParameterizedTest
    @CsvSource({"1s,false", "2s,true", "2m,true", "1h,true", "61m,false"})
    void aLeaseTimeoutIsBetweenTwoSecondsAndAnHour(String text, boolean ok) {
        BackfillMixin m = new BackfillMixin();
        m.noState = true;
        m.leaseTimeout = io.cfsync.report.Durations.parse(text);
        java.util.function.Supplier<java.nio.file.Path> none = () -> null;
        if (ok) {
            assertEquals(m.leaseTimeout, m.unattended(none, false, java.util.List.of(), "v").leaseTimeout());
        } else {
            UsageException e = assertThrows(UsageException.class,
                    () -> m.unattended(none, false, java.util.List.of(), "v"));
            assertEquals(true, e.getMessage().startsWith("--lease-timeout: give a duration between 2s and 1h"),
                    e.getMessage());
        }
    }
}
