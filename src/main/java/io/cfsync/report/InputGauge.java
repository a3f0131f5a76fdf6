package io.cfsync.report;

/**
 * How far reading the input has got, as the progress display shows it. Implementations are thread-safe: the
 * display asks from its own thread while the input is read.
 */
@FunctionalInterface
public interface InputGauge {
    /** For runs whose input is not measured. */
    InputGauge NONE = () -> Reading.NOTHING;

    Reading now();

    /**
     * @param bytesRead  bytes of input read so far, as stored (before gunzip)
     * @param bytesTotal bytes of all inputs, or -1 when unknown (standard input, a pipe)
     * @param file       the input being read, or null
     * @param items      items (events, blank or unreadable lines) read so far, counted as they are read
     */
    record Reading(long bytesRead, long bytesTotal, String file, long items) {
        /** Nothing read, total unknown. */
        public static final Reading NOTHING = new Reading(0, -1, null, 0);

        /** Bytes only, for inputs whose items are not counted. */
        public Reading(long bytesRead, long bytesTotal, String file) {
            this(bytesRead, bytesTotal, file, 0);
        }
    }
}
