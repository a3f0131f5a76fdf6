package io.cfsync.event;

/** The result of decoding one JSON value: a valid {@link Event} or the {@link Problem} that makes it invalid. */
public sealed interface Decoded {
    record Ok(Event event) implements Decoded {
    }

    record Bad(Problem problem) implements Decoded {
    }

    static Decoded bad(String code, String detail) {
        return new Bad(Problem.of(code, detail));
    }
}
