package io.cfsync.cli;

import io.cfsync.dest.Destination;
import io.cfsync.dest.Destinations;
import io.cfsync.dest.SettingSpec;
import io.cfsync.dest.Settings;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The man page sections the option model cannot hold: ENVIRONMENT, FILES and EXAMPLES, in roff, per command. The
 * destination variables are listed from the registry, so a new setting shows up here by itself. Stateless.
 */
final class ManSections {
    private static final String DEAD_LETTER_LINE = "{\"reason\":\"invalid-timestamp\",\"detail\":\"...\","
            + "\"dest\":\"customerio\",\"run\":\"RUN-ID\",\"file\":\"archive/a.ndjson\",\"line\":812,"
            + "\"event\":{...}}";

    private ManSections() {
    }

    /** The extra sections of the page of {@code command} ({@code cf-sync}, {@code cf-sync-send}, …), in order. */
    static Map<String, String> of(String command) {
        Map<String, String> out = new LinkedHashMap<>();
        switch (command) {
            case "cf-sync" -> {
                out.put("ENVIRONMENT", settingsVariables() + stateAndConfigVariables() + networkVariables()
                        + terminalVariables() + launcherVariable());
                out.put("FILES", ledgerFile() + configFile() + deadLetterFile());
                out.put("EXAMPLES", example("Preview the exact requests Customer.io would receive:",
                        "cf-sync send --dest customerio --dry-run samples/events.ndjson")
                        + sendExamples() + example("See what the ledger holds:", "cf-sync status"));
            }
            case "cf-sync-send" -> {
                out.put("ENVIRONMENT", settingsVariables() + stateAndConfigVariables() + networkVariables()
                        + terminalVariables() + launcherVariable());
                out.put("FILES", ledgerFile() + configFile() + deadLetterFile());
                out.put("EXAMPLES", example("Print the requests for two event types since a date, from a "
                        + "compressed archive on standard input:", "zcat day.ndjson.gz | cf-sync send -d customerio "
                        + "--dry-run --type identify,track --since 2024-03-01 -") + sendExamples());
            }
            case "cf-sync-validate" -> out.put("EXAMPLES", example("List the invalid events of an archive, one "
                    + "file:line: reason: detail line each:", "cf-sync validate archive/")
                    + example("Only the exit code, for a script:", "cf-sync validate -q day.ndjson > /dev/null"));
            case "cf-sync-status" -> {
                out.put("ENVIRONMENT", item("XDG_STATE_HOME", "The folder whose cf\\-sync subfolder holds the "
                        + "ledgers shown without \\-\\-state; when unset, ~/.local/state.")
                        + item("HOME", "Used when XDG_STATE_HOME is unset."));
                out.put("FILES", ledgerFile());
                out.put("EXAMPLES", example("Every ledger in the default folder:", "cf-sync status")
                        + example("Take over a lock whose holder is gone for sure:",
                                "cf-sync status --break-lock --state ~/.local/state/cf-sync/customerio.db"));
            }
            case "cf-sync-destinations" -> {
                out.put("ENVIRONMENT", settingsVariables());
                out.put("EXAMPLES", example("Every destination, its settings and the request each event type "
                        + "becomes:", "cf-sync destinations"));
            }
            case "cf-sync-check" -> {
                out.put("ENVIRONMENT", settingsVariables() + networkVariables());
                out.put("EXAMPLES", example("Check the Track API credentials in the environment before a first "
                        + "send; a refusal names the settings to fix:",
                        "export CF_SYNC_CUSTOMERIO_SITE_ID=... CF_SYNC_CUSTOMERIO_API_KEY=...\n"
                                + "cf-sync check --dest customerio")
                        + example("Check the credentials through the company proxy, trusting its CA:",
                        "HTTPS_PROXY=http://me:secret@proxy.corp:3128 cf-sync check -d customerio "
                                + "--ca-file corp-ca.pem --verbose"));
            }
            case "cf-sync-completion" -> out.put("EXAMPLES", example("Complete in this shell (bash or zsh):",
                    "source <(cf-sync completion bash)")
                    + example("Complete in every new bash (bash-completion finds it there):",
                            "cf-sync completion bash > ~/.local/share/bash-completion/completions/cf-sync")
                    + example("Complete in every new zsh:", "echo 'source <(cf-sync completion zsh)' >> ~/.zshrc"));
            default -> {
                // Other commands have nothing beyond their options.
            }
        }
        return out;
    }

    private static String sendExamples() {
        return example("Deliver an archive folder, credentials from the environment; a second run of the same "
                        + "command sends only what the first did not:",
                "export CF_SYNC_CUSTOMERIO_SITE_ID=... CF_SYNC_CUSTOMERIO_API_KEY=...\n"
                        + "cf-sync send --dest customerio archive/")
                + example("An hourly cron job, time-boxed, with a JSON report of each run:",
                        "cf-sync send -d customerio --max-runtime 50m --report run.json archive/")
                + example("Replay the dead-letter file as it is, once the events or settings are fixed:",
                        "cf-sync send -d customerio --dead-letter retry.ndjson cf-sync-dead-letter.ndjson");
    }

    /** Every destination's variables, from the registry. */
    private static String settingsVariables() {
        StringBuilder b = new StringBuilder(item("CF_SYNC_\\fIDEST\\fB_\\fIKEY\\fR",
                "A destination setting, the key in upper snake case (siteId is CF_SYNC_CUSTOMERIO_SITE_ID). "
                        + "\\-\\-set overrides it, and it overrides the configuration file. A variable that names "
                        + "no setting of the destination only draws a warning. 'cf\\-sync destinations' describes "
                        + "each setting."));
        for (Destination d : Destinations.all()) {
            List<String> names = new ArrayList<>();
            for (SettingSpec s : d.settings()) {
                String flags = s.required() && s.secret() ? " (required, secret)" : s.required() ? " (required)"
                        : s.secret() ? " (secret)" : "";
                // \% keeps a long name from being hyphenated across lines.
                names.add("\\%" + ManPage.esc(Settings.envName(d.name(), s.key()) + flags));
            }
            b.append(".TP\n").append(ManPage.esc(d.title())).append(" settings\n")
                    .append(String.join("\n.br\n", names)).append('\n');
        }
        return b.toString();
    }

    private static String stateAndConfigVariables() {
        return item("XDG_STATE_HOME", "The ledgers' folder is $XDG_STATE_HOME/cf\\-sync; when unset, "
                + "~/.local/state/cf\\-sync.")
                + item("XDG_CONFIG_HOME", "The configuration file read when \\-\\-config is not given is "
                + "$XDG_CONFIG_HOME/cf\\-sync/config.yaml; when unset, ~/.config/cf\\-sync/config.yaml.")
                + item("HOME", "Used when an XDG variable is unset.");
    }

    private static String networkVariables() {
        return item("CF_SYNC_PROXY", "The proxy, as \\-\\-proxy (which overrides it); it overrides the "
                + "configuration file's options.proxy and the variables below. Its password is redacted everywhere.")
                + item("https_proxy, HTTPS_PROXY", "The proxy of https URLs, http://[USER:PASSWORD@]HOST[:PORT] "
                + "(port 1080 when absent); the lower\\-case name wins when both are set. Requests go through it in "
                + "a CONNECT tunnel.")
                + item("http_proxy, HTTP_PROXY", "The proxy of http URLs (\\-\\-base\\-url http://...), likewise "
                + "tunnelled.")
                + item("no_proxy, NO_PROXY", "Hosts reached directly, comma\\-separated: a name exempts itself "
                + "and every host below it (a leading dot changes nothing), HOST:PORT that port only, an IP "
                + "address or ADDRESS/BITS range that address or range; * alone exempts every host. It applies to \\-\\-proxy "
                + "too.")
                + item("CF_SYNC_CA_FILE", "A PEM bundle of certificate authorities trusted beside the default trust "
                + "store, as \\-\\-ca\\-file (which overrides it); it overrides the configuration file's "
                + "options.ca\\-file.")
                + item("SSL_CERT_FILE", "Read as CF_SYNC_CA_FILE when neither it nor \\-\\-ca\\-file nor the "
                + "configuration file names a bundle; added to the default trust store, never replacing it.");
    }

    private static String terminalVariables() {
        return item("TERM", "With TERM=dumb a terminal gets progress log lines instead of a redrawn bar.")
                + item("COLUMNS", "The terminal's width for the progress bar (80 when unset).");
    }

    private static String launcherVariable() {
        return item("CF_SYNC_JAVA_OPTS", "Options for the Java virtual machine, read by the cf\\-sync launcher "
                + "(default: \\-XX:+UseSerialGC \\-Xmx256m; input is streamed, so memory does not grow with it).");
    }

    private static String ledgerFile() {
        return item("$XDG_STATE_HOME/cf\\-sync/\\fIDEST\\fR.db", "The ledger of a destination (SQLite, with its "
                + "\\-wal and \\-shm files beside it): how far each input got, every delivered event, the last "
                + "runs and the lock. ~/.local/state/cf\\-sync/\\fIDEST\\fR.db when XDG_STATE_HOME is unset; "
                + "\\-\\-state picks another. Move it away to start over; never edit it.");
    }

    private static String configFile() {
        return item("$XDG_CONFIG_HOME/cf\\-sync/config.yaml", "Destination settings, read when \\-\\-config is "
                + "not given (~/.config/cf\\-sync/config.yaml when XDG_CONFIG_HOME is unset). ${VAR} in a value "
                + "is read from the environment. Beside destinations, options: {max\\-line\\-bytes: SIZE} sets "
                + "that option; the command line overrides it.");
    }

    private static String deadLetterFile() {
        return ".TP\ncf\\-sync\\-dead\\-letter.ndjson\n"
                + "Events that were invalid or refused, in the working directory unless \\-\\-dead\\-letter "
                + "names another file. It is created when needed and appended to, one JSON line per event:\n"
                + ".RS\n.PP\n.nf\n" + ManPage.esc(DEAD_LETTER_LINE) + "\n.fi\n.PP\n"
                + "The fields reason and detail say what was wrong, dest is the destination and run the run's id, "
                + "file and line say where the event was read, and event is its text exactly as read. A line that was not "
                + "JSON has raw (its text) instead of event, and rawBase64 when its bytes were not valid UTF\\-8; "
                + "a line longer than \\-\\-max\\-line\\-bytes (reason line\\-too\\-long) has only its first "
                + "bytes in raw and its length in detail. "
                + "The file can be given back to cf\\-sync send as input as it is.\n.RE\n";
    }

    /** A tagged paragraph; {@code term} and {@code text} are roff already. */
    private static String item(String term, String text) {
        return ".TP\n\\fB" + term + "\\fR\n" + text + "\n";
    }

    /** A sentence, then the command lines indented and kept as they are. */
    private static String example(String sentence, String commands) {
        return ".PP\n" + ManPage.esc(sentence) + "\n.RS\n.nf\n" + ManPage.esc(commands) + "\n.fi\n.RE\n";
    }
}
