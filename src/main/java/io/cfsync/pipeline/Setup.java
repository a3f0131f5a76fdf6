package io.cfsync.pipeline;

import io.cfsync.dest.BatchSpec;
import io.cfsync.dest.Configured;
import io.cfsync.dest.Destination;
import io.cfsync.dest.Secret;
import io.cfsync.dest.Settings;
import io.cfsync.dest.SettingsException;
import io.cfsync.report.Console;
import io.cfsync.report.Redactor;
import io.cfsync.send.Network;
import io.cfsync.send.SinkTuning;
import io.cfsync.send.SinkSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The one setup of a run, for the command line and the Kafka Connect task alike: the destination configured once
 * from its settings, the redactor that knows each of its secrets, and the vendor as the sink sees it (credentials,
 * pause after a 429, batching, the {@code x-ratelimit-*} window of a vendor that announces its budget, the check
 * request that tells one failing request from a vendor outage). A front end
 * builds its options, calls {@link #of} once, and makes its sink spec and planner from the result, so the two cannot
 * drift apart. Immutable, but the pre-pass inside carries per-user state: one setup per run or task.
 */
public final class Setup {
    /**
     * What the front end decided about the shape of sending.
     *
     * @param dryRun    print instead of sending: required settings and credentials may be missing
     * @param batchSize most events in one batch request where the destination batches; 0 sends one per event
     * @param network   proxies (their logins are secrets) and trusted certificate authorities
     * @param command   the command line, whose URL user-info is redacted too; empty for a Connect task
     * @param secrets   other secrets the front end holds beside the settings and the network (the shared rate
     *                  budget's password)
     * @param bulk      use the destination's bulk jobs where it has them (false: each event's own plan)
     */
    public record Shape(boolean dryRun, int batchSize, Network network, List<String> command, List<String> secrets,
                        boolean bulk) {
        public Shape {
            if (batchSize < 0) {
                throw new IllegalArgumentException("batchSize must not be negative");
            }
            Objects.requireNonNull(network);
            command = List.copyOf(command);
            secrets = List.copyOf(secrets);
        }

        /** With bulk jobs where the destination has them. */
        public Shape(boolean dryRun, int batchSize, Network network, List<String> command, List<String> secrets) {
            this(dryRun, batchSize, network, command, secrets, true);
        }

        /** A shape with no secrets beside the settings and the network. */
        public Shape(boolean dryRun, int batchSize, Network network, List<String> command) {
            this(dryRun, batchSize, network, command, List.of());
        }
    }

    private final Destination destination;
    private final Settings settings;
    private final Configured configured;
    private final Redactor redactor;
    private final SinkSpec.Vendor vendor;

    private Setup(Destination destination, Settings settings, Configured configured, Redactor redactor,
                  SinkSpec.Vendor vendor) {
        this.destination = destination;
        this.settings = settings;
        this.configured = configured;
        this.redactor = redactor;
        this.vendor = vendor;
    }

    /**
     * Configures {@code destination} once and derives everything else from that.
     *
     * @throws SettingsException a setting malformed for this vendor, or (for a real send) one that is required and
     *                           unset, or settings the vendor refuses to send with
     */
    public static Setup of(Destination destination, Settings settings, Shape shape) throws SettingsException {
        Configured configured = destination.configure(settings);
        if (!shape.dryRun()) {
            settings.requireForSend();
            configured.requireSendable();
        }
        List<Secret> secrets = new ArrayList<>(settings.secrets());
        secrets.add(configured.auth().secret());
        shape.network().proxies().secrets().forEach(p -> secrets.add(Secret.of(p)));
        shape.secrets().forEach(p -> secrets.add(Secret.of(p)));
        Redactor redactor = Redactor.of(secrets, shape.command());
        BatchSpec batching = shape.batchSize() > 0 && configured.batching() != null
                ? configured.batching().withMaxEntities(shape.batchSize()) : null;
        // A dry-run sends nothing, and may lack the settings a check request is made from.
        SinkSpec.Vendor vendor = SinkSpec.Vendor.of(destination.name(), configured.auth())
                .withThrottleWait(configured.limits().pauseAfter429()).withBatching(batching)
                .withRateHeadersWindow(configured.limits().rateHeadersWindow())
                .withBulk(shape.bulk() ? configured.bulk() : null)
                .withCheck(shape.dryRun() ? null : destination.checkRequest(settings));
        return new Setup(destination, settings, configured, redactor, vendor);
    }

    public Destination destination() {
        return destination;
    }

    public Settings settings() {
        return settings;
    }

    /** The destination as configured: translator, auth, pre-pass, batching, limits. */
    public Configured configured() {
        return configured;
    }

    /** Guards every printer of this run: logs, reports, dead letters, exceptions. */
    public Redactor redactor() {
        return redactor;
    }

    /** What the pipeline and the planner translate with. */
    public Pipeline.Target target() {
        return new Pipeline.Target(destination, configured.translator(), configured.prePass());
    }

    /**
     * The vendor as the sink sees it: batching, and bulk jobs, only when the shape asked for them and the destination
     * has them.
     */
    public SinkSpec.Vendor vendor() {
        return vendor;
    }

    /** A sink that sends for real with {@code options}, talking to a person through {@code console}. */
    public SinkSpec sending(SinkTuning options, Console console) {
        return SinkSpec.sending(vendor, options, console);
    }

    /** A sink that prints what it would send. */
    public SinkSpec printing(SinkSpec.Printing printing) {
        return SinkSpec.printing(vendor, printing);
    }
}
