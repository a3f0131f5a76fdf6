package io.cfsync.cli;

import io.cfsync.dest.Configured;
import io.cfsync.dest.Destination;
import io.cfsync.dest.Settings;
import io.cfsync.dest.VendorRequest;
import io.cfsync.pipeline.Setup;
import io.cfsync.report.Redactor;
import io.cfsync.send.CheckCall;
import io.cfsync.send.SinkTuning;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code cf-sync check}: one cheap authenticated request, to learn before a long run that the credentials work and
 * the vendor answers. Sends exactly one request and nothing else; exit codes as {@code send}'s.
 */
@Command(name = "check", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        header = "Check a destination's credentials and reachability with one cheap request.",
        sortOptions = false, usageHelpAutoWidth = false,
        description = {
            "Sends the cheapest authenticated request the destination offers, once, and says in one or two lines "
                + "whether the vendor accepted the credentials. It reads nothing, changes nothing at the vendor and "
                + "takes the same settings as 'cf-sync send' (--set, CF_SYNC_<DEST>_<KEY>, --config, --base-url).",
            "",
            // One request a line: a path split by wrapping can be neither read nor copied.
            "The requests:",
            "  customerio  GET /api/v1/accounts/region (Track API)",
            "  custify     GET /people/all?itemsPerPage=1&page=1",
            "  kustomer    GET /v1/customers?page=1&pageSize=1",
            "  customfit   GET on the endpoint setting (CustomFit publishes no read API,",
            "              so a 2xx there is the best proof)"},
        exitCodeListHeading = ExitCodes.HEADING,
        exitCodeList = {"0:the vendor accepted the credentials",
            "1:the vendor gave another answer (e.g. 404: a wrong --base-url, region or endpoint); credentials not "
                + "confirmed",
            ExitCodes.L2,
            "3:credentials refused (401/403), or the vendor could not be reached or failed (no connection, timeout, "
                + "TLS, 408, 429, 5xx)"})
final class CheckCommand implements Callable<Integer> {
    @ParentCommand
    RootCommand root;

    @Mixin
    DestinationMixin destination;

    @Mixin
    NetworkMixin networkOptions;

    @Option(names = {"-v", "--verbose"}, description = "Say which proxy the vendor's host goes through, or why none, "
            + "and which extra CAs are trusted.")
    boolean verbose;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Context ctx = root.context();
        Destination d = destination.destination();
        Settings settings = destination.settings(d, ctx.env(), false);
        io.cfsync.send.Network network = networkOptions.network(ctx.env(), destination.configFile(ctx.env()));
        // The setup a send makes: the same checks, and a redactor that knows the same secrets.
        Setup setup = Setup.of(d, settings, new Setup.Shape(false, 0, network,
                spec.commandLine().getParseResult().originalArgs()));
        Configured configured = setup.configured();
        VendorRequest request = d.checkRequest(settings);
        if (request == null) {
            throw new UsageException(d.name() + " offers no request to check credentials with");
        }
        for (String w : settings.warnings()) {
            ctx.err().println("cf-sync: warning: " + w);
        }
        if (verbose) {
            NetworkMixin.describe(network, request.url(), ctx.err());
        }
        Redactor redactor = setup.redactor();
        CheckCall.Result r = CheckCall.run(request, configured.auth(), redactor, SinkTuning.Timeouts.DEFAULTS,
                "cf-sync/" + VersionProvider.version(), network);
        String call = request.method() + " " + redactor.redact(request.url());
        return report(ctx, d, r, call, credentialSettings(d, settings));
    }

    /** @param credentials the settings that form the credentials sent, with their variables, for a refusal */
    private static int report(Context ctx, Destination d, CheckCall.Result r, String call, String credentials) {
        String tail = r.excerpt() == null ? "" : System.lineSeparator() + "  the answer: " + r.excerpt();
        switch (r.verdict()) {
            case OK:
                java.io.PrintStream out = new java.io.PrintStream(ctx.out(), true, java.nio.charset.StandardCharsets.UTF_8);
                out.println(d.name() + ": ok: " + d.title() + " accepted the credentials (" + call + " answered "
                        + r.what() + ")");
                out.flush();
                return ExitCodes.OK;
            case REFUSED:
                ctx.err().println("cf-sync: " + d.name() + ": credentials refused (" + r.what() + " to " + call
                        + "); check " + credentials + tail);
                return ExitCodes.ABORTED;
            case UNREACHABLE:
                ctx.err().println("cf-sync: " + d.name() + ": vendor unreachable or failing (" + r.what() + " for "
                        + call + "); check the network, --base-url and the vendor's status" + tail);
                return ExitCodes.ABORTED;
            default:
                ctx.err().println("cf-sync: " + d.name() + ": unexpected answer " + r.what() + " to " + call
                        + "; credentials not confirmed (wrong --base-url, region or endpoint?)" + tail);
                return ExitCodes.INCOMPLETE;
        }
    }

    /** The settings that form the credentials sent, with their environment variables, for the refusal message. */
    private static String credentialSettings(Destination d, Settings settings) {
        return d.credentialKeys(settings).stream()
                .map(k -> k + " (" + Settings.envName(d.name(), k) + ")").collect(Collectors.joining(", "));
    }
}
