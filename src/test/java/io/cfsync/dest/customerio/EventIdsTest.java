package io.cfsync.dest.customerio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class EventIdsTest {
    @Test
    void aUlidThatIsTheSameForTheSameEventAndSortsByEventTime() {
        String a = EventIds.ulid("m-1", 1709648712480L);
        assertEquals(a, EventIds.ulid("m-1", 1709648712480L));
        assertTrue(a.matches("[0-9A-HJKMNP-TV-Z]{26}"), a);
        assertTrue(a.charAt(0) <= '7', "a ULID's first digit is at most 7");
        assertEquals("01HR7G24S0", a.substring(0, 10), "time part: 1709648712480 ms in Crockford base 32");
        assertNotEquals(a, EventIds.ulid("m-2", 1709648712480L));
        assertTrue(EventIds.ulid("m-1", 1709648712481L).compareTo(a) > 0);
        assertEquals("0000000000", EventIds.ulid("m-1", -5).substring(0, 10));
    }
}
