package io.cfsync;

import io.cfsync.cli.Context;
import io.cfsync.cli.ExitCodes;
import io.cfsync.cli.RootCommand;
import io.cfsync.dest.SettingsException;
import io.cfsync.input.InputException;
import io.cfsync.send.OutputException;
import io.cfsync.state.LedgerException;
import io.cfsync.state.LedgerRefusedException;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import picocli.CommandLine;

/** Entry point. {@link #run} is the testable whole program; {@link #main} is the only place that exits. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        OutputStream out = new FileOutputStream(FileDescriptor.out);
        PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
        System.exit(run(System.in, out, err, System.getenv(), args));
    }

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
        cmd.setExecutionExceptionHandler((ex, cl, parsed) -> {
            PrintStream err = ctx.err();
            if (ex instanceof SettingsException || ex instanceof InputException
                    || ex.getClass().getSimpleName().equals("UsageException")) {
                err.println("cf-sync: " + ex.getMessage());
                err.println("Try 'cf-sync " + cl.getCommandName() + " --help' for more information.");
                return ExitCodes.USAGE;
            }
            if (ex instanceof LedgerException) {
                err.println("cf-sync: " + ex.getMessage());
                return ex instanceof LedgerRefusedException ? ExitCodes.USAGE : ExitCodes.ABORTED;
            }
            if (ex instanceof OutputException) {
                err.println("cf-sync: " + ex.getMessage() + "; run aborted");
                return ExitCodes.ABORTED;
            }
            err.println("cf-sync: run aborted: " + ex);
            return ExitCodes.ABORTED;
        });
        return cmd;
    }
}
