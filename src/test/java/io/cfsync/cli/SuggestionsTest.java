package io.cfsync.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class SuggestionsTest {
    private static final List<String> COMMANDS = List.of("send", "validate", "destinations", "status");

    @Test
    void distanceCountsASwapAsOneSlip() {
        assertEquals(0, Suggestions.distance("send", "send"));
        assertEquals(1, Suggestions.distance("sned", "send"));
        assertEquals(1, Suggestions.distance("regoin", "region"));
        assertEquals(1, Suggestions.distance("custommerio", "customerio"));
        assertEquals(1, Suggestions.distance("--dryrun", "--dry-run"));
        assertEquals(3, Suggestions.distance("", "abc"));
        assertEquals(3, Suggestions.distance("kitten", "sitting"));
    }

    @Test
    void slipsFindTheNameMeant() {
        assertEquals(Optional.of("send"), Suggestions.closest("sned", COMMANDS, Map.of(), false));
        assertEquals(Optional.of("validate"), Suggestions.closest("valdiate", COMMANDS, Map.of(), false));
        assertEquals(Optional.of("--dry-run"),
                Suggestions.closest("--dryrun", List.of("--dest", "--dry-run", "--format"), Map.of(), false));
        assertEquals(Optional.of("region"),
                Suggestions.closest("REGOIN", List.of("siteId", "apiKey", "region"), Map.of(), true));
    }

    @Test
    void otherWordsFindNothing() {
        assertEquals(Optional.empty(), Suggestions.closest("deploy", COMMANDS, Map.of(), false));
        assertEquals(Optional.empty(), Suggestions.closest("x", COMMANDS, Map.of(), false));
        assertEquals(Optional.empty(), Suggestions.closest("", COMMANDS, Map.of(), false));
        assertEquals("", Suggestions.didYouMean("--bogus", List.of("--dest", "--dry-run"), Map.of(), false));
    }

    @Test
    void foldingIgnoresDotsDashesAndCaseAndAliasesPointToTheirName() {
        List<String> dests = List.of("customerio", "custify", "kustomer", "customfit");
        assertEquals(Optional.of("customerio"), Suggestions.closest("Customer.io", dests, Map.of(), true));
        assertEquals(Optional.of("customerio"), Suggestions.closest("cio", dests, Map.of("cio", "customerio"), true));
        assertEquals(Optional.empty(), Suggestions.closest("cio", dests, Map.of(), true));
    }

    @Test
    void anAbbreviationIsSuggestedOnlyWhenItIsUnambiguous() {
        List<String> options = List.of("--concurrency", "--connect-timeout", "--config");
        assertEquals(Optional.of("--concurrency"), Suggestions.closest("--concu", options, Map.of(), false));
        assertEquals(Optional.empty(), Suggestions.closest("--co", options, Map.of(), false));
        assertEquals("; did you mean 'send'?", Suggestions.didYouMean("sedn", COMMANDS, Map.of(), false));
    }
}
