package io.cfsync.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import picocli.CommandLine;
import picocli.CommandLine.MissingParameterException;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * How a usage error is told: exactly two lines on standard error, what was wrong (with "did you mean …?" for a
 * misspelt command or option) and where to read more, {@code Try 'cf-sync send --help' for more information.}
 * Never the whole help. Stateless.
 */
final class UsageErrors {
    private UsageErrors() {
    }

    /** Prints the two lines for {@code message}, the second naming {@code command}'s help. */
    static int print(PrintWriter err, String message, CommandSpec command) {
        err.println("cf-sync: " + message);
        err.println(tryHelp(command));
        err.flush();
        return ExitCodes.USAGE;
    }

    /** {@code Try 'cf-sync send --help' for more information.} */
    static String tryHelp(CommandSpec command) {
        return "Try '" + command.qualifiedName() + " --help' for more information.";
    }

    /** A parse error in cf-sync's words, secrets among {@code args} redacted. */
    static String message(ParameterException ex, UnaryOperator<String> redactor) {
        CommandSpec spec = ex.getCommandLine().getCommandSpec();
        if (ex instanceof UnmatchedArgumentException u && !u.getUnmatched().isEmpty()) {
            return unmatched(spec, u.getUnmatched().get(0), redactor);
        }
        if (ex instanceof MissingParameterException m) {
            // picocli checks required options before it reports unknown ones; the misspelling is the news.
            CommandLine.ParseResult partial = ex.getCommandLine().getParseResult();
            if (partial != null && !partial.unmatched().isEmpty()) {
                return unmatched(spec, partial.unmatched().get(0), redactor);
            }
            if (String.valueOf(m.getMessage()).startsWith("Missing required option")
                    && !m.getMissing().isEmpty() && m.getMissing().get(0) instanceof OptionSpec o) {
                return "missing " + o.longestName() + " " + o.paramLabel();
            }
        }
        if (ex.getMessage() != null && ex.getMessage().startsWith("Unknown subcommand '")) { // from 'help NAME'
            String name = ex.getMessage().replaceFirst("^Unknown subcommand '(.*)'\\.?$", "$1");
            CommandSpec root = spec.parent() != null ? spec.parent() : spec;
            return "unknown command '" + redactor.apply(name) + "'"
                    + Suggestions.didYouMean(name, commandNames(root), Map.of(), false);
        }
        return redactor.apply(lowerFirst(ex.getMessage()));
    }

    private static String unmatched(CommandSpec spec, String arg, UnaryOperator<String> redactor) {
        if (arg.startsWith("-") && arg.length() > 1) {
            // Only the option's name: what follows '=' may be a key.
            int eq = arg.indexOf('=');
            String name = eq > 0 ? arg.substring(0, eq) : arg;
            // A one-letter option is one slip from every other: only long names are worth a guess.
            return "unknown option '" + redactor.apply(name) + "'" + (name.startsWith("--")
                    ? Suggestions.didYouMean(name, optionNames(spec), Map.of(), false) : "");
        }
        if (!spec.subcommands().isEmpty() && spec.positionalParameters().isEmpty()) {
            return "unknown command '" + redactor.apply(arg) + "'"
                    + Suggestions.didYouMean(arg, commandNames(spec), Map.of(), false);
        }
        return "unexpected argument '" + redactor.apply(arg) + "'";
    }

    private static List<String> optionNames(CommandSpec spec) {
        List<String> names = new ArrayList<>();
        for (OptionSpec o : spec.options()) {
            if (!o.hidden()) {
                List.of(o.names()).stream().filter(n -> n.startsWith("--")).forEach(names::add);
            }
        }
        return names;
    }

    /** The commands listed in {@code spec}'s help. */
    static List<String> commandNames(CommandSpec spec) {
        List<String> names = new ArrayList<>();
        spec.subcommands().forEach((name, sub) -> {
            if (!sub.getCommandSpec().usageMessage().hidden()) {
                names.add(name);
            }
        });
        return names;
    }

    /** picocli starts its messages with a capital; cf-sync's own do not. */
    private static String lowerFirst(String s) {
        if (s == null || s.isEmpty()) {
            return "invalid command line";
        }
        return Character.toLowerCase(s.charAt(0)) + s.substring(1);
    }
}
