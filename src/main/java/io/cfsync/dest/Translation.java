package io.cfsync.dest;

import io.cfsync.event.Problem;
import java.util.List;

/** What a translator makes of one event: requests to send (a plan, in order), a deliberate skip, or invalid. */
public sealed interface Translation {
    /**
     * @param requests   the plan, run in order, each step after the previous succeeded
     * @param warnings   short codes for data the vendor could not take (e.g. {@code trait-cap}); counted, not fatal
     * @param ageWarning a warning that applies when the event turns out old at run time, or null
     */
    record Requests(List<VendorRequest> requests, List<String> warnings, AgeWarning ageWarning)
            implements Translation {
        public Requests {
            requests = List.copyOf(requests);
            warnings = List.copyOf(warnings);
        }

        public Requests(List<VendorRequest> requests, List<String> warnings) {
            this(requests, warnings, null);
        }

        /** The same plan, with {@code w} applying when the event is old at run time. */
        public Requests withAgeWarning(AgeWarning w) {
            return new Requests(requests, warnings, w);
        }
    }

    /** @param reason a stable code such as {@code unsupported-by-destination} */
    record Skipped(String reason) implements Translation {
    }

    record Invalid(Problem problem) implements Translation {
    }

    static Translation of(VendorRequest... requests) {
        return new Requests(List.of(requests), List.of());
    }

    static Translation skipped(String reason) {
        return new Skipped(reason);
    }

    static Translation invalid(String code, String detail) {
        return new Invalid(Problem.of(code, detail));
    }
}
