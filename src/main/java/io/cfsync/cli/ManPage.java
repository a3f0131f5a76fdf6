package io.cfsync.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * Renders a man page (roff, section 1) from a command's picocli model, so the pages can never say something
 * the parser does not do. Deterministic: the same model gives the same bytes.
 */
final class ManPage {
    private ManPage() {
    }

    /** File name of the page for this command: {@code cf-sync.1}, {@code cf-sync-send.1}, … */
    static String fileName(CommandSpec spec) {
        return spec.qualifiedName("-") + ".1";
    }

    static String render(CommandSpec spec) {
        String name = spec.qualifiedName("-");
        String version = VersionProvider.version();
        StringBuilder sb = new StringBuilder();
        sb.append(".\\\" Generated from the command-line model by 'cf-sync gen-man'; do not edit.\n");
        sb.append(".TH ").append(name.toUpperCase(java.util.Locale.ROOT)).append(" 1 \"\" \"cf-sync ")
                .append(version).append("\" \"cf-sync manual\"\n");
        sb.append(".SH NAME\n").append(name.replace("-", "\\-")).append(" \\- ")
                .append(esc(summary(spec))).append('\n');
        sb.append(".SH SYNOPSIS\n");
        String synopsis = new CommandLine.Help(spec, CommandLine.Help.defaultColorScheme(CommandLine.Help.Ansi.OFF))
                .synopsis(0).trim();
        sb.append(".nf\n").append(esc(synopsis)).append("\n.fi\n");
        sb.append(".SH DESCRIPTION\n");
        for (String para : spec.usageMessage().description()) {
            sb.append(para.isEmpty() ? ".PP\n" : esc(para) + "\n");
        }
        if (!spec.subcommands().isEmpty()) {
            sb.append(".SH COMMANDS\n");
            for (Map.Entry<String, CommandLine> e : spec.subcommands().entrySet()) {
                CommandSpec sub = e.getValue().getCommandSpec();
                if (sub.usageMessage().hidden()) {
                    continue;
                }
                sb.append(".TP\n\\fB").append(esc(e.getKey())).append("\\fR\n")
                        .append(esc(summary(sub))).append(". See \\fB")
                        .append(esc(fileName(sub).replace(".1", ""))).append("\\fR(1).\n");
            }
        }
        List<PositionalParamSpec> positionals = new ArrayList<>();
        for (PositionalParamSpec p : spec.positionalParameters()) {
            if (!p.hidden()) {
                positionals.add(p);
            }
        }
        if (!positionals.isEmpty()) {
            sb.append(".SH ARGUMENTS\n");
            for (PositionalParamSpec p : positionals) {
                sb.append(".TP\n\\fI").append(esc(p.paramLabel())).append("\\fR\n").append(esc(describe(p)))
                        .append('\n');
            }
        }
        sb.append(".SH OPTIONS\n");
        for (OptionSpec o : spec.options()) {
            if (o.hidden()) {
                continue;
            }
            sb.append(".TP\n");
            List<String> names = new ArrayList<>();
            for (String n : o.names()) {
                names.add("\\fB" + esc(n) + "\\fR");
            }
            sb.append(String.join(", ", names));
            if (o.arity().max() > 0) {
                sb.append("=\\fI").append(esc(o.paramLabel())).append("\\fR");
            }
            sb.append('\n').append(esc(describe(o))).append('\n');
        }
        Map<String, String> exits = spec.usageMessage().exitCodeList();
        if (!exits.isEmpty()) {
            sb.append(".SH EXIT STATUS\n");
            for (Map.Entry<String, String> e : exits.entrySet()) {
                sb.append(".TP\n\\fB").append(esc(e.getKey().trim())).append("\\fR\n")
                        .append(esc(sentence(e.getValue()))).append('\n');
            }
        }
        for (Map.Entry<String, String> section : ManSections.of(name).entrySet()) {
            sb.append(".SH ").append(section.getKey()).append('\n').append(section.getValue());
        }
        sb.append(".SH SEE ALSO\n");
        List<String> see = new ArrayList<>();
        CommandSpec top = spec;
        while (top.parent() != null) {
            top = top.parent();
        }
        see.add(top.name());
        for (CommandLine sub : top.subcommands().values()) {
            if (!sub.getCommandSpec().usageMessage().hidden()) {
                see.add(sub.getCommandSpec().qualifiedName("-"));
            }
        }
        see.remove(name);
        List<String> refs = new ArrayList<>();
        for (String s : see) {
            refs.add("\\fB" + esc(s) + "\\fR(1)");
        }
        if (spec.parent() == null) {
            ManText.PAGES.forEach(p -> refs.add("\\fB" + esc(p) + "\\fR(7)"));
        }
        sb.append(String.join(", ", refs)).append('\n');
        return sb.toString();
    }

    private static String describe(ArgSpec a) {
        String d = String.join(" ", a.description());
        String def = a.defaultValueString();
        d = d.replace("${DEFAULT-VALUE}", def == null ? "" : def);
        if (a.completionCandidates() != null) {
            List<String> c = new ArrayList<>();
            a.completionCandidates().forEach(c::add);
            d = d.replace("${COMPLETION-CANDIDATES}", String.join(", ", c));
        }
        return d;
    }

    /** A help-text fragment as a sentence for the page: capitalised, with a final period. */
    static String sentence(String s) {
        String t = s.strip();
        if (t.isEmpty()) {
            return t;
        }
        t = Character.toUpperCase(t.charAt(0)) + t.substring(1);
        return t.endsWith(".") ? t : t + ".";
    }

    /** The command's one-line header, without its final period. */
    private static String summary(CommandSpec spec) {
        String[] header = spec.usageMessage().header();
        String s = header.length > 0 ? header[0] : firstSentence(spec.usageMessage().description());
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }

    private static String firstSentence(String[] description) {
        if (description.length == 0) {
            return "";
        }
        String d = description[0];
        int dot = d.indexOf(". ");
        String s = dot > 0 ? d.substring(0, dot + 1) : d;
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }

    /** Escapes text for roff: backslashes, and a leading dot or quote that would read as a request. */
    static String esc(String s) {
        String t = s.replace("\\", "\\e").replace("-", "\\-");
        StringBuilder out = new StringBuilder();
        for (String line : t.split("\n", -1)) {
            if (out.length() > 0) {
                out.append('\n');
            }
            if (line.startsWith(".") || line.startsWith("'")) {
                out.append("\\&");
            }
            out.append(line);
        }
        return out.toString();
    }
}
