package io.cfsync;

import io.cfsync.cli.Context;
import io.cfsync.cli.Program;
import io.cfsync.cli.SignalExit;
import io.cfsync.cli.Stdin;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import picocli.CommandLine;

/**
 * Entry point. {@link #run} is the testable whole program ({@link Program}); {@link #main} is the only place that
 * exits. Knows only the command-line layer.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
        // First of all, so that a signal at any moment says what happened and exits with the documented code.
        SignalExit.install(err, System::exit);
        OutputStream out = new FileOutputStream(FileDescriptor.out);
        System.exit(run(Stdin.ofProcess(System.in, err), out, err, System.getenv(), args));
    }

    public static int run(InputStream in, OutputStream out, PrintStream err, Map<String, String> env,
                          String... args) {
        return Program.run(in, out, err, env, args);
    }

    /** The command tree with cf-sync's error handling installed. */
    public static CommandLine commandLine(Context ctx) {
        return Program.commandLine(ctx);
    }
}
