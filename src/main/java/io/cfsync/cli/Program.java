package io.cfsync.cli;

import io.cfsync.dest.SettingsException;
import io.cfsync.input.InputException;
import io.cfsync.send.OutputException;
import io.cfsync.state.LedgerException;
import io.cfsync.state.LedgerRefusedException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import picocli.CommandLine;

/**
 * The whole program short of exiting: the command tree, with every failure told in one line and mapped to its
 * documented exit code ({@link ExitCodes}). Stateless; each call builds its own command tree.
 */
public final class Program {
    private Program() {
    }

    /** Runs one command line; returns its exit code. */
    public static int run(InputStream in, OutputStream out, PrintStream err, Map<String, String> env,
                          String... args) {
        CommandLine cmd = commandLine(new Context(in, out, err, env));
        PrintWriter outWriter = new PrintWriter(new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8), true);
        cmd.setOut(outWriter);
        cmd.setErr(new PrintWriter(new java.io.OutputStreamWriter(err, StandardCharsets.UTF_8), true));
        int code = cmd.execute(args);
        outWriter.flush();
        return code;
    }

    /** The command tree with cf-sync's error handling installed. */
    public static CommandLine commandLine(Context ctx) {
        CommandLine cmd = new CommandLine(new RootCommand(ctx));
        cmd.setParameterExceptionHandler((ex, args) -> {
            // picocli quotes the offending argument, which may be a key typed after a misspelt option.
            java.util.function.UnaryOperator<String> redactor = ArgSecrets.redactor(Arrays.asList(args));
            PrintWriter err = ex.getCommandLine().getErr();
            err.println("cf-sync: " + redactor.apply(ex.getMessage()));
            if (!CommandLine.UnmatchedArgumentException.printSuggestions(ex, err)) {
                err.println("Try '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help' for more "
                        + "information.");
            }
            err.flush();
            return ExitCodes.USAGE;
        });
        cmd.setExecutionExceptionHandler((ex, cl, parsed) -> {
            PrintStream err = ctx.err();
            java.util.function.UnaryOperator<String> redactor = ArgSecrets.redactor(parsed.originalArgs());
            if (ex instanceof SettingsException || ex instanceof InputException || ex instanceof UsageException) {
                err.println("cf-sync: " + redactor.apply(ex.getMessage()));
                err.println("Try '" + cl.getCommandSpec().qualifiedName() + " --help' for more information.");
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
