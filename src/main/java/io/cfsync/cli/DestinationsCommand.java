package io.cfsync.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cfsync.dest.Destination;
import io.cfsync.dest.Destinations;
import io.cfsync.dest.SettingSpec;
import io.cfsync.dest.Settings;
import io.cfsync.event.EventType;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code cf-sync destinations}: what each destination takes and needs, read from the registry. */
@Command(name = "destinations", mixinStandardHelpOptions = true,
        header = "List destinations, their settings and what they do with each event type.", versionProvider = VersionProvider.class,
        usageHelpAutoWidth = false,
        description = "Lists every destination with its settings (required, default, secret, description, "
                + "environment variable) and what it does with each event type.",
        exitCodeListHeading = ExitCodes.HEADING, exitCodeList = {"0:listed", ExitCodes.L2})
final class DestinationsCommand implements Callable<Integer> {
    @ParentCommand
    RootCommand root;

    @Option(names = "--json", description = "Print one JSON document for scripts instead of "
            + "text: {\"destinations\":[{\"name\", \"title\", \"defaultRate\", \"settings\":[{\"key\", \"type\", "
            + "\"required\", \"secret\", \"default\", \"choices\", \"aliases\", \"description\", \"env\"}], "
            + "\"events\", \"integrationKeys\"}]}.")
    boolean json;

    @Override
    public Integer call() {
        if (json) {
            return JsonOutput.print(root.context().out(), document());
        }
        PrintStream out = new PrintStream(root.context().out(), false, StandardCharsets.UTF_8);
        for (Destination d : Destinations.all()) {
            out.printf(Locale.ROOT, "%s (%s), default rate %s requests/s%n", d.name(), d.title(),
                    fmt(d.defaultRate()));
            out.println("  settings:");
            for (SettingSpec s : d.settings()) {
                StringBuilder flags = new StringBuilder();
                flags.append(s.required() ? "required" : "optional");
                if (s.secret()) {
                    flags.append(", secret");
                }
                if (s.defaultValue() != null) {
                    flags.append(", default ").append(s.defaultValue());
                }
                if (!s.choices().isEmpty()) {
                    flags.append(", one of ").append(String.join("|", s.choices()));
                }
                out.printf(Locale.ROOT, "    %-22s %s. %s [%s]%n", s.key(), s.description(), flags,
                        Settings.envName(d.name(), s.key()));
            }
            out.println("  events:");
            for (Map.Entry<EventType, String> e : d.coverage().entrySet()) {
                out.printf(Locale.ROOT, "    %-9s %s%n", e.getKey().wire(), e.getValue());
            }
            out.println();
        }
        out.flush();
        return out.checkError() ? ExitCodes.ABORTED : ExitCodes.OK;
    }

    /** The registry as data; settings carry no values, so nothing secret can appear. */
    static ObjectNode document() {
        ObjectNode doc = JsonOutput.object();
        ArrayNode all = doc.putArray("destinations");
        for (Destination d : Destinations.all()) {
            ObjectNode o = all.addObject().put("name", d.name()).put("title", d.title())
                    .put("defaultRate", d.defaultRate());
            ArrayNode settings = o.putArray("settings");
            for (SettingSpec s : d.settings()) {
                ObjectNode so = settings.addObject().put("key", s.key())
                        .put("type", s.type().name().toLowerCase(Locale.ROOT)).put("required", s.required())
                        .put("secret", s.secret()).put("default", s.defaultValue());
                s.choices().forEach(so.putArray("choices")::add);
                s.aliases().forEach(so.putArray("aliases")::add);
                so.put("description", s.description()).put("env", Settings.envName(d.name(), s.key()));
            }
            ObjectNode events = o.putObject("events");
            d.coverage().forEach((type, what) -> events.put(type.wire(), what));
            d.integrationKeys().forEach(o.putArray("integrationKeys")::add);
        }
        return doc;
    }

    private static String fmt(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }
}
