package io.cfsync.report;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

/**
 * cf-sync's version as baked into the jar at build time: the semantic version from the build (for {@code --version},
 * reports, man pages, Connect and the {@code User-Agent}) and the commit it was built from ({@code git describe},
 * for {@code --version} only, so that a bug report names the exact build). Stateless.
 */
public final class Version {
    private Version() {
    }

    public static String get() {
        Properties p = new Properties();
        try (InputStream in = Version.class.getResourceAsStream("/cf-sync.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            return "unknown";
        }
        return p.getProperty("version", "unknown");
    }

    /** The {@code git describe} of the build ({@code 7fb6e62-dirty}), or "unknown" when built outside git. */
    public static String commit() {
        return commit(Version.class.getResourceAsStream("/cf-sync-commit.txt"));
    }

    static String commit(InputStream resource) {
        if (resource == null) {
            return "unknown";
        }
        try (InputStream in = resource) {
            String s = new String(in.readNBytes(200), StandardCharsets.UTF_8).strip();
            return s.isEmpty() || s.contains("\n") ? "unknown" : s;
        } catch (IOException e) {
            return "unknown";
        }
    }
}
