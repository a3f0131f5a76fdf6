package io.cfsync.cli;

import io.cfsync.input.InputSource;
import io.cfsync.input.Inputs;
import io.cfsync.input.Pruning;
import io.cfsync.pipeline.EventFilter;
import java.io.PrintStream;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/** Where inputs come from and how they are read: {@code --s3-endpoint}, {@code --max-line-bytes}. */
final class SourcesMixin {
    @Option(names = LineLimit.OPTION, paramLabel = "SIZE", converter = LineLimit.Converter.class,
            description = "The longest input line read, in bytes or with a unit: 512KiB, 4MiB (default: 1MiB, "
                    + "32 times the largest call a destination takes; also 'options: {max-line-bytes: SIZE}' in "
                    + "the config file). A longer line is streamed past without being held in memory and "
                    + "dead-lettered as line-too-long with its length and first bytes; the run goes on.")
    Integer maxLineBytes;

    @Option(names = "--s3-endpoint", paramLabel = "URL",
            description = "For s3:// inputs: an S3-compatible store (MinIO, R2, GCS interoperability) instead of "
                    + "AWS, reached with path-style addresses. Default: $AWS_ENDPOINT_URL_S3, else "
                    + "$AWS_ENDPOINT_URL, else AWS. Credentials and region come from the standard AWS chain "
                    + "(environment, profile, instance role).")
    String s3Endpoint;

    /** Leaves out archive files outside {@code window} (null: none) widened by {@code slack}. */
    static Pruning pruning(EventFilter window, Duration slack) {
        return window == null ? Pruning.NONE : new Pruning(window.sinceMillis(), window.untilMillis(), slack);
    }

    /**
     * Resolves {@code args}, leaving out what {@code pruning} says; with {@code verbose}, names on {@code err}
     * every input found and left out.
     */
    List<InputSource> resolve(List<String> args, Pruning pruning, Map<String, String> env, boolean verbose,
                              PrintStream err, io.cfsync.send.Network network) throws io.cfsync.input.InputException {
        String endpoint = endpoint(env);
        boolean s3 = args != null && args.stream().anyMatch(a -> a.regionMatches(true, 0, "s3://", 0, 5));
        Inputs.Reach reach = s3 ? S3Reach.of(network, endpoint, env, err, verbose) : Inputs.Reach.DIRECT;
        List<InputSource> sources = Inputs.resolve(args, new Inputs.Options(pruning, endpoint, reach));
        if (verbose) {
            for (InputSource s : sources) {
                if (!s.isRead()) {
                    err.println("cf-sync: left out " + s.name() + ": " + s.leftOut());
                }
            }
        }
        return sources;
    }

    /** The line limit: the option, else the config file's {@code options} ({@code file} null: none), else 1 MiB. */
    int maxLineBytes(java.nio.file.Path file) {
        if (maxLineBytes != null) {
            return maxLineBytes;
        }
        String v = ConfigOptions.value(file, "max-line-bytes");
        if (v == null) {
            return io.cfsync.input.EventReader.DEFAULT_MAX_LINE_BYTES;
        }
        try {
            return LineLimit.parse(v);
        } catch (IllegalArgumentException e) {
            throw UsageException.inFile("config file " + file + ": options.max-line-bytes: " + e.getMessage());
        }
    }

    /** The endpoint given or set in the environment, checked; null for AWS itself. */
    String endpoint(Map<String, String> env) {
        String e = s3Endpoint;
        String from = "--s3-endpoint";
        for (String var : new String[] {"AWS_ENDPOINT_URL_S3", "AWS_ENDPOINT_URL"}) {
            if (e == null || e.isBlank()) {
                e = env.get(var);
                from = var;
            }
        }
        if (e == null || e.isBlank()) {
            return null;
        }
        URI u;
        try {
            u = URI.create(e.trim());
        } catch (IllegalArgumentException ex) {
            throw new UsageException(from + " is not a URL such as http://127.0.0.1:9000");
        }
        if (u.getScheme() == null || !u.getScheme().matches("(?i)https?") || u.getHost() == null) {
            throw new UsageException(from + " is not an http:// or https:// URL such as http://127.0.0.1:9000");
        }
        if (u.getRawUserInfo() != null) {
            throw new UsageException(from + " may not carry credentials (user:password@); the AWS credential chain "
                    + "provides them (AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or a profile)");
        }
        return e.trim();
    }
}
