package io.cfsync.input;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns command-line arguments into inputs in a stable order: files as given, folders walked recursively and
 * sorted by path ({@link FolderWalk}), glob patterns a shell left unexpanded, {@code s3://bucket/prefix} objects
 * in key order, {@code -} for standard input; no argument means standard input. Files a folder holds that are not
 * event data, cannot be read, or whose path proves them outside the time window come back as inputs
 * {@linkplain InputSource#leftOut left out}, so that they are counted and named, never opened. Stateless.
 */
public final class Inputs {
    /**
     * How arguments are resolved.
     *
     * @param pruning    which archive files to leave out by the times their paths prove
     * @param s3Endpoint the S3-compatible endpoint to reach for {@code s3://} arguments, or null for AWS
     * @param reach      the proxy and trust of those requests
     */
    public record Options(Pruning pruning, String s3Endpoint, Reach reach) {
        public static final Options NONE = new Options(Pruning.NONE, null);

        /** Direct connections with the default trust store. */
        public Options(Pruning pruning, String s3Endpoint) {
            this(pruning, s3Endpoint, Reach.DIRECT);
        }
    }

    /**
     * How {@code s3://} requests leave the machine, decided by the caller for the endpoint's host.
     *
     * @param proxy         {@code http://host:port} of the proxy, or null for a direct connection
     * @param proxyUser     the proxy's Basic user, or null
     * @param proxyPassword the user's password, or null
     * @param trust         the TLS trust (default CAs plus added ones), or null for the JDK's default
     */
    public record Reach(java.net.URI proxy, String proxyUser, String proxyPassword,
                        javax.net.ssl.X509TrustManager trust) {
        public static final Reach DIRECT = new Reach(null, null, null, null);

        @Override
        public String toString() {
            return "Reach[" + proxy + "]"; // never the password
        }
    }

    private Inputs() {
    }

    public static List<InputSource> resolve(List<String> args) throws InputException {
        return resolve(args, Options.NONE);
    }

    /**
     * @throws InputException when an argument names nothing, cannot be read, or is a folder, glob or prefix that
     *                        yields no input at all
     */
    public static List<InputSource> resolve(List<String> args, Options options) throws InputException {
        List<InputSource> out = new ArrayList<>();
        if (args == null || args.isEmpty()) {
            out.add(new InputSource(InputSource.STDIN, null));
            return out;
        }
        for (String a : args) {
            if (a.equals(InputSource.STDIN)) {
                out.add(new InputSource(InputSource.STDIN, null));
            } else if (a.regionMatches(true, 0, "s3://", 0, 5)) {
                out.addAll(ObjectStores.resolve(a, options));
            } else {
                out.addAll(local(a, options.pruning()));
            }
        }
        return out;
    }

    private static List<InputSource> local(String a, Pruning pruning) throws InputException {
        Path p = Paths.get(a);
        if (Files.isDirectory(p)) {
            return FolderWalk.walk(a, p, pruning);
        }
        if (Files.isReadable(p)) {
            return List.of(pruning.outside(FolderWalk.slashed(p)) ? InputSource.leftOut(a, LeftOut.OUTSIDE)
                    : new InputSource(a, p));
        }
        if (!Files.exists(p) && Globs.isPattern(a)) {
            return Globs.expand(a, pruning);
        }
        throw new InputException(Files.exists(p) ? "cannot read input " + a : "no such file or folder: " + a);
    }

    /**
     * Whether a file's name says it holds events: a name some {@link Framing} reads ({@code *.ndjson},
     * {@code *.jsonl}, {@code *.json}, gzip too, for NDJSON).
     */
    public static boolean eventFile(String fileName) {
        return Framings.named(fileName);
    }

    static boolean eventFile(Path p) {
        return eventFile(p.getFileName().toString());
    }
}
