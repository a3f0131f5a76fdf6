package io.cfsync.cli;

import io.cfsync.dest.SettingsException;
import io.cfsync.input.InputException;
import io.cfsync.send.OutputException;
import io.cfsync.state.LedgerException;
import io.cfsync.state.LedgerRefusedException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.function.UnaryOperator;
import picocli.CommandLine;

/**
 * The whole program short of exiting: the command tree, with every failure told in one line and mapped to its
 * documented exit code ({@link ExitCodes}). A usage error adds one line pointing to the command's help. When the
 * reader of standard output goes away, the run ends quietly ({@link ClosedOutput}). Stateless; each call builds
 * its own command tree.
 */
public final class Program {
    private Program() {
    }

    /** Runs one command line; returns its exit code. */
    public static int run(InputStream in, OutputStream out, PrintStream err, Map<String, String> env,
                          String... args) {
        ClosedOutput pipe = new ClosedOutput();
        OutputStream watched = pipe.watch(out);
        PrintStream quietErr = pipe.silenceAfterClose(err);
        CommandLine cmd = commandLine(new Context(Stdin.endOnce(in), watched, quietErr, env));
        PrintWriter outWriter = new PrintWriter(new OutputStreamWriter(watched, StandardCharsets.UTF_8), true);
        cmd.setOut(outWriter);
        cmd.setErr(new PrintWriter(new OutputStreamWriter(quietErr, StandardCharsets.UTF_8), true));
        int code;
        try {
            code = cmd.execute(args);
        } finally {
            outWriter.flush();
            quietErr.flush();
        }
        return pipe.closed() ? ExitCodes.CLOSED_OUTPUT : code;
    }

    /** The command tree with cf-sync's error handling installed. */
    public static CommandLine commandLine(Context ctx) {
        CommandLine cmd = new CommandLine(new RootCommand(ctx));
        // 'cf-sync help send' as in git; left out of the command list and the man pages, which --help covers.
        CommandLine help = new CommandLine(new CommandLine.HelpCommand());
        help.getCommandSpec().usageMessage().hidden(true);
        cmd.addSubcommand("help", help);
        cmd.setParameterExceptionHandler((ex, args) -> {
            // picocli quotes the offending argument, which may be a key typed after a misspelt option.
            UnaryOperator<String> redactor = ArgSecrets.redactor(Arrays.asList(args));
            return UsageErrors.print(ex.getCommandLine().getErr(), UsageErrors.message(ex, redactor),
                    ex.getCommandLine().getCommandSpec());
        });
        cmd.setExecutionExceptionHandler((ex, cl, parsed) -> {
            PrintStream err = ctx.err();
            UnaryOperator<String> redactor = ArgSecrets.redactor(parsed.originalArgs());
            if (ex instanceof UsageException u && !u.pointsToHelp()) {
                err.println("cf-sync: " + redactor.apply(ex.getMessage()));
                return ExitCodes.USAGE;
            }
            if (ex instanceof SettingsException || ex instanceof InputException || ex instanceof UsageException) {
                err.println("cf-sync: " + redactor.apply(ex.getMessage()));
                err.println(UsageErrors.tryHelp(cl.getCommandSpec()));
                return ExitCodes.USAGE;
            }
            if (ex instanceof LedgerException) {
                err.println("cf-sync: " + ex.getMessage());
                return ex instanceof LedgerRefusedException ? ExitCodes.USAGE : ExitCodes.ABORTED;
            }
            if (ex instanceof OutputException) {
                err.println("cf-sync: " + redactor.apply(Failures.describe(ex)) + "; run aborted");
                return ExitCodes.ABORTED;
            }
            err.println("cf-sync: run aborted: " + redactor.apply(Failures.describe(ex)));
            return ExitCodes.ABORTED;
        });
        return cmd;
    }
}
