package io.cfsync.dest;

/**
 * A destination with its settings parsed and checked, once: everything a dry-run or a send needs from it. One per
 * run: the pre-pass carries per-user state across that run's events. The record is immutable and the translator
 * thread-safe; the pre-pass is not (see {@link PrePass}).
 *
 * @param translator   the pure mapping for these settings
 * @param auth         how requests are authenticated (the secret may be absent in a dry-run)
 * @param prePass      the per-user pre-pass these settings need, or null when none
 * @param batching     how events are packed into batch requests, or null when each step is its own request
 * @param limits       default rate and the pause after a 429 without a stated wait
 * @param bulk         how events are packed into asynchronous bulk jobs, or null when the destination has none
 * @param sendRefusal  why a real send is refused with these settings although they are well formed (e.g. an
 *                     endpoint that must be explicit), or null; required settings are checked by
 *                     {@link Settings#requireForSend()}
 */
public record Configured(Translator translator, Auth auth, PrePass prePass, BatchSpec batching, Limits limits,
                         String sendRefusal, BulkSpec bulk) {
    public Configured {
        if (translator == null || auth == null || limits == null) {
            throw new IllegalArgumentException("translator, auth and limits are required");
        }
    }

    public Configured(Translator translator, Auth auth, PrePass prePass, BatchSpec batching, Limits limits,
                      String sendRefusal) {
        this(translator, auth, prePass, batching, limits, sendRefusal, null);
    }

    /** One request per step, no pre-pass, sendable once the required settings are set. */
    public static Configured of(Translator translator, Auth auth, Limits limits) {
        return new Configured(translator, auth, null, null, limits, null);
    }

    public Configured withPrePass(PrePass p) {
        return new Configured(translator, auth, p, batching, limits, sendRefusal, bulk);
    }

    public Configured withBatching(BatchSpec b) {
        return new Configured(translator, auth, prePass, b, limits, sendRefusal, bulk);
    }

    public Configured withBulk(BulkSpec b) {
        return new Configured(translator, auth, prePass, batching, limits, sendRefusal, b);
    }

    /** The same, refusing a real send with {@code reason} (null: no refusal). */
    public Configured refusingToSend(String reason) {
        return new Configured(translator, auth, prePass, batching, limits, reason, bulk);
    }

    /** Fails with {@link #sendRefusal} when there is one. */
    public void requireSendable() throws SettingsException {
        if (sendRefusal != null) {
            throw new SettingsException(sendRefusal);
        }
    }
}
