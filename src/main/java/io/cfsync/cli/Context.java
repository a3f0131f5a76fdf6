package io.cfsync.cli;

import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.Map;

/** The process's streams and environment, handed to commands so they stay testable. */
public record Context(InputStream in, OutputStream out, PrintStream err, Map<String, String> env) {
}
