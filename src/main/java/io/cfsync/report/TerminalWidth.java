package io.cfsync.report;

import java.io.File;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

/**
 * The width of the terminal this process runs in, as the terminal itself tells it ({@code stty size} on the
 * controlling terminal): Java has no ioctl, and {@code COLUMNS} is a shell variable that an interactive shell
 * rarely exports. A following width is asked again after the terminal says it was resized (SIGWINCH), or at every
 * read where that signal cannot be heard. Thread-safe.
 */
final class TerminalWidth implements IntSupplier {
    private static final long ASK_MILLIS = 1_000;

    private volatile int columns;
    private volatile boolean stale;
    private final boolean hearsResizes;

    private TerminalWidth(int columns) {
        this.columns = columns;
        this.hearsResizes = onResize(() -> stale = true);
        this.stale = !hearsResizes;
    }

    /** A width that starts at {@code columns} and follows the terminal's resizes. */
    static IntSupplier following(int columns) {
        return new TerminalWidth(columns);
    }

    @Override
    public int getAsInt() {
        if (stale) {
            stale = !hearsResizes;
            int asked = ask();
            if (asked > 0) {
                columns = asked;
            }
        }
        return columns;
    }

    /** The controlling terminal's columns, or -1 when there is none or it does not say. */
    static int ask() {
        File tty = new File("/dev/tty");
        if (!tty.exists()) {
            return -1;
        }
        try {
            Process p = new ProcessBuilder("stty", "size").redirectInput(tty)
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(ASK_MILLIS, TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                return -1;
            }
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
            String[] rowsCols = out.split("\\s+");
            return p.exitValue() == 0 && rowsCols.length == 2 && rowsCols[1].matches("\\d{1,4}")
                    ? Integer.parseInt(rowsCols[1]) : -1;
        } catch (IOException | SecurityException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /**
     * Runs {@code action} on each SIGWINCH, through {@code sun.misc.Signal} (module jdk.unsupported) reached
     * reflectively; false where that is not available, and the width is then asked at each read.
     */
    private static boolean onResize(Runnable action) {
        try {
            Class<?> signalClass = Class.forName("sun.misc.Signal");
            Class<?> handlerClass = Class.forName("sun.misc.SignalHandler");
            Object handler = Proxy.newProxyInstance(TerminalWidth.class.getClassLoader(), new Class<?>[] {handlerClass},
                    (proxy, method, args) -> {
                        if (method.getName().equals("handle")) {
                            action.run();
                            return null;
                        }
                        return method.getName().equals("hashCode") ? System.identityHashCode(proxy)
                                : method.getName().equals("equals") ? proxy == args[0] : "TerminalWidth";
                    });
            Object winch = signalClass.getConstructor(String.class).newInstance("WINCH");
            signalClass.getMethod("handle", signalClass, handlerClass).invoke(null, winch, handler);
            return true;
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return false;
        }
    }
}
