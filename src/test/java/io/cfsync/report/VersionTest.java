package io.cfsync.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The commit a build names: what git described, or "unknown" for a build from a tarball. */
class VersionTest {
    @Test
    void aBuildOutsideGitNamesNoCommit() {
        assertEquals("unknown", Version.commit(null));
        assertEquals("unknown", Version.commit(new ByteArrayInputStream(new byte[0])));
    }

    @Test
    void aBuildInGitNamesWhatGitDescribed() {
        assertEquals("v0.9.0-3-g7fb6e62-dirty", Version.commit(new ByteArrayInputStream(
                "v0.9.0-3-g7fb6e62-dirty\n".getBytes(StandardCharsets.UTF_8))));
    }
}
