package io.cfsync.report;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * cf-sync's version as baked into the jar at build time: for {@code --version}, reports, man pages, Connect and the
 * {@code User-Agent}. Stateless.
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
}
