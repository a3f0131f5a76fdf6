package io.cfsync.cli;

import picocli.CommandLine;

/** {@code --version}: the semantic version and the commit the jar was built from, both baked in at build time. */
final class VersionProvider implements CommandLine.IVersionProvider {
    public static String version() {
        return io.cfsync.report.Version.get();
    }

    @Override
    public String[] getVersion() {
        return new String[] {"cf-sync " + version() + " (commit " + io.cfsync.report.Version.commit() + ")"};
    }
}
