package io.cfsync.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The reference pages of section 7 ({@code cf-sync-guarantees(7)}, …): prose kept as Markdown in
 * {@code src/main/man}, rendered to roff by {@code gen-man} beside the command pages. Only the Markdown the pages
 * use is understood: {@code ##} headings, paragraphs, {@code - } lists, fenced blocks, tables, {@code `code`},
 * {@code **bold**}, {@code *italics*} and links (their text is kept). The first line of a file is the page's one-line summary.
 * Deterministic and stateless.
 */
final class ManText {
    /** The pages, in the order SEE ALSO lists them. */
    static final List<String> PAGES = List.of("cf-sync-guarantees", "cf-sync-vendors", "cf-sync-inputs",
            "cf-sync-network", "cf-sync-shared-rate", "cf-sync-monitoring",
            "cf-sync-connect");
    private static final Pattern CODE = Pattern.compile("`([^`]+)`");
    private static final Pattern BOLD = Pattern.compile("\\*\\*(.+?)\\*\\*");
    private static final Pattern ITALIC = Pattern.compile("(?<![\\w*])\\*([^*\\s][^*]*?)\\*(?![\\w*])");
    private static final Pattern LINK = Pattern.compile("\\[([^\\]]+)\\]\\([^)]+\\)");

    private ManText() {
    }

    /** Every reference page by file name ({@code cf-sync-guarantees.7}, …). */
    static Map<String, String> pages(String version) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String name : PAGES) {
            out.put(name + ".7", render(name, source(name), version));
        }
        return out;
    }

    static String source(String name) {
        try (InputStream in = ManText.class.getResourceAsStream("man/" + name + ".md")) {
            if (in == null) {
                throw new IllegalStateException("no reference page " + name + " in the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String render(String name, String markdown, String version) {
        String[] lines = markdown.split("\n", -1);
        StringBuilder b = new StringBuilder(".\\\" Generated from src/main/man/" + name + ".md by 'cf-sync gen-man';"
                + " do not edit.\n");
        b.append(".TH ").append(name.toUpperCase(java.util.Locale.ROOT)).append(" 7 \"\" \"cf-sync ")
                .append(version).append("\" \"cf-sync manual\"\n.SH NAME\n").append(ManPage.esc(name))
                .append(" \\- ").append(inline(lines[0].strip())).append('\n');
        boolean fence = false;
        boolean table = false;
        for (int i = 1; i < lines.length; i++) {
            String l = lines[i];
            if (l.startsWith("```")) {
                b.append(fence ? ".fi\n.RE\n" : ".RS\n.nf\n");
                fence = !fence;
            } else if (fence) {
                b.append(ManPage.esc(l)).append('\n');
            } else if (l.startsWith("## ")) {
                b.append(".SH ").append(inline(l.substring(3).strip().toUpperCase(java.util.Locale.ROOT)))
                        .append('\n');
            } else if (l.startsWith("|")) {
                table = row(b, l, table);
            } else if (l.isBlank()) {
                table = false;
                b.append(".PP\n");
            } else if (l.startsWith("- ")) {
                b.append(".IP \\(bu 2\n").append(inline(l.substring(2))).append('\n');
            } else {
                b.append(inline(l.strip())).append('\n');
            }
        }
        b.append(".SH SEE ALSO\n\\fBcf\\-sync\\fR(1)");
        for (String p : PAGES) {
            if (!p.equals(name)) {
                b.append(", \\fB").append(ManPage.esc(p)).append("\\fR(7)");
            }
        }
        return b.append('\n').toString().replace(".PP\n.PP\n", ".PP\n");
    }

    /** A table row as a tagged paragraph: the first cell in bold, the others after it; the rule row is dropped. */
    private static boolean row(StringBuilder b, String l, boolean inTable) {
        String[] cells = l.substring(1, l.endsWith("|") ? l.length() - 1 : l.length()).split("\\|");
        if (cells.length > 0 && cells[0].strip().matches("-+")) {
            return true;
        }
        if (!inTable) {
            // The header row names the columns.
            b.append(".PP\n").append(inline(String.join(" / ", trimmed(cells)))).append(":\n");
            return true;
        }
        List<String> c = trimmed(cells);
        b.append(".TP\n\\fB").append(inline(c.get(0)).replace("\\fR", "\\fB")).append("\\fR\n")
                .append(inline(String.join("; ", c.subList(1, c.size())))).append('\n');
        return true;
    }

    private static List<String> trimmed(String[] cells) {
        return java.util.Arrays.stream(cells).map(String::strip).toList();
    }

    /** Escapes for roff, then turns code and bold into bold and links into their text. */
    static String inline(String text) {
        String t = ManPage.esc(LINK.matcher(text).replaceAll("$1"));
        t = CODE.matcher(t).replaceAll(m -> Matcher.quoteReplacement("\\fB" + m.group(1) + "\\fR"));
        t = BOLD.matcher(t).replaceAll(m -> Matcher.quoteReplacement("\\fB" + m.group(1) + "\\fR"));
        return ITALIC.matcher(t).replaceAll(m -> Matcher.quoteReplacement("\\fI" + m.group(1) + "\\fR"));
    }
}
