package io.cfsync.send;

/**
 * How far reading the input has got, as the progress display shows it. Implementations are thread-safe: the
 * display asks from its own thread while the input is read.
 */
@FunctionalInterface
public interface InputGauge {
    /** For runs whose input is not measured. */
    InputGauge NONE = () -> new Reading(0, -1, null);

    Reading now();

    /**
     * @param bytesRead  bytes of input read so far, as stored (before gunzip)
     * @param bytesTotal bytes of all inputs, or -1 when unknown (standard input, a pipe)
     * @param file       the input being read, or null
     */
    record Reading(long bytesRead, long bytesTotal, String file) {
    }
}
