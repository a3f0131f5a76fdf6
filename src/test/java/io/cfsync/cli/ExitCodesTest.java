package io.cfsync.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cfsync.pipeline.RunResult;
import org.junit.jupiter.api.Test;

/** The exit code a run report and summary state is the one the process returns. */
class ExitCodesTest {
    @Test
    void reportedExitCodesMatchTheProcessExitCodes() {
        for (RunResult o : RunResult.values()) {
            assertEquals(RootCommand.exitCode(o), o.exitCode(), o.name());
        }
    }
}
