package io.cfsync.send.rate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** A shared budget's URL is read in full, and its password shows nowhere: not printed, not in any mistake. */
class SharedRateUrlTest {
    @Test
    void readsHostPortDatabaseAndLogin() {
        SharedRateUrl u = SharedRateUrl.parse("redis://app:s3cr%40t@cache.internal:6380/2");
        assertEquals("cache.internal", u.host());
        assertEquals(6380, u.port());
        assertEquals(2, u.db());
        assertEquals("app", u.user());
        assertEquals("s3cr@t", u.password());
        assertEquals("redis://app:<redacted>@cache.internal:6380/2", u.shown());
        assertFalse(u.toString().contains("s3cr"));
        SharedRateUrl plain = SharedRateUrl.parse("redis://127.0.0.1");
        assertEquals(6379, plain.port());
        assertNull(plain.password());
        assertTrue(SharedRateUrl.parse("rediss://:pw-only-123@h:1").tls());
    }

    @Test
    void mistakesNeverRepeatThePassword() {
        for (String bad : new String[] {"http://u:hunter22@h:1", "redis://u:hunter22@h:1/x", "redis://u:hunter22@/",
                "redis://u:hunter22@h:1?a=b", "redis ://u:hunter22@h"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SharedRateUrl.parse(bad));
            assertFalse(e.getMessage().contains("hunter22"), e.getMessage());
        }
    }

    @Test
    void theDefaultBudgetNamesTheWorkspaceWithoutTheSecret() {
        String a = BudgetKey.of("customerio", Map.of("siteId", "site-1", "region", "us"));
        assertEquals(a, BudgetKey.of("customerio", Map.of("region", "us", "siteId", "site-1")));
        assertFalse(a.equals(BudgetKey.of("customerio", Map.of("siteId", "site-2", "region", "us"))));
        assertTrue(a.startsWith("customerio/") && a.length() == "customerio/".length() + 12, a);
        assertTrue(BudgetKey.valid(a));
        assertFalse(BudgetKey.valid("two words"));
    }
}
