package io.cfsync.dest;

import java.time.Duration;

/**
 * A warning that depends on how old an event is when it is sent, which a pure translator cannot know: the pipeline
 * counts {@code code} (in the run summary's warnings) for each such event whose time is more than
 * {@code olderThan} before the run started, and says {@code advice} once per run. Immutable.
 *
 * @param code      a stable warning code, as in {@link Translation.Requests#warnings()}
 * @param olderThan the age past which the warning applies
 * @param advice    one sentence for people: what the vendor does with such events and what to do
 */
public record AgeWarning(String code, Duration olderThan, String advice) {
}
