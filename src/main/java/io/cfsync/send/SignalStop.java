package io.cfsync.send;

import io.cfsync.report.Summary;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns the first SIGINT (Ctrl-C), SIGTERM or SIGHUP (the terminal closed, an ssh session dropped) into a graceful
 * stop: reading stops, requests on the wire get {@link RunControl#GRACE} to finish (then they are abandoned, their
 * events pending), the summary and dead letters are written and the process exits with the "aborted" code. A second
 * SIGINT or SIGTERM gets the JVM's default behaviour (immediate exit); a second SIGHUP changes nothing. Handlers are
 * process-wide: install for the length of one run.
 *
 * <p>A shutdown hook cannot do this: once the JVM shuts down, the exit status is the signal's, not ours. So this
 * uses {@code sun.misc.Signal} (module jdk.unsupported, present in every mainstream JDK), reached reflectively so
 * the build stays free of internal-API warnings; where it is missing, signals keep their default behaviour.
 */
final class SignalStop implements AutoCloseable {
    /** HUP last: under nohup it is ignored, and the JVM rightly leaves it so (the others are still installed). */
    private static final String[] NAMES = {"INT", "TERM", "HUP"};
    /**
     * The signals that end the process at once the second time. Not HUP: a closing terminal sends it to the
     * foreground job and the shell, hung up too, sends its jobs another; nobody asked twice.
     */
    private static final String[] QUIT_AGAIN = {"INT", "TERM"};

    private record Installed(Object signal, Object previous) {
    }

    private final List<Installed> installed = new ArrayList<>();

    private SignalStop() {
    }

    static SignalStop install(RunControl control) {
        SignalStop s = new SignalStop();
        try {
            Class<?> signalClass = Class.forName("sun.misc.Signal");
            Class<?> handlerClass = Class.forName("sun.misc.SignalHandler");
            Method handle = signalClass.getMethod("handle", signalClass, handlerClass);
            Method getName = signalClass.getMethod("getName");
            Object dfl = handlerClass.getField("SIG_DFL").get(null);
            Object handler = Proxy.newProxyInstance(SignalStop.class.getClassLoader(), new Class<?>[] {handlerClass},
                    (proxy, method, args) -> {
                        if (!method.getName().equals("handle")) {
                            return method.getName().equals("hashCode") ? System.identityHashCode(proxy)
                                    : method.getName().equals("equals") ? proxy == args[0] : "SignalStop";
                        }
                        for (String n : QUIT_AGAIN) {
                            handle.invoke(null, signal(signalClass, n), dfl);
                        }
                        String name = String.valueOf(getName.invoke(args[0]));
                        control.stop(RunControl.Reason.INTERRUPTED, "interrupted by SIG" + name
                                + (name.equals("HUP") ? "" : Summary.AGAIN_TO_QUIT));
                        return null;
                    });
            for (String name : NAMES) {
                Object sig = signal(signalClass, name);
                s.installed.add(new Installed(sig, handle.invoke(null, sig, handler)));
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            // No usable sun.misc.Signal, or the signal is reserved (e.g. -Xrs): keep the JVM's own behaviour.
        }
        return s;
    }

    private static Object signal(Class<?> signalClass, String name) throws ReflectiveOperationException {
        return signalClass.getConstructor(String.class).newInstance(name);
    }

    @Override
    public void close() {
        try {
            Class<?> signalClass = Class.forName("sun.misc.Signal");
            Class<?> handlerClass = Class.forName("sun.misc.SignalHandler");
            Method handle = signalClass.getMethod("handle", signalClass, handlerClass);
            for (Installed i : installed) {
                handle.invoke(null, i.signal(), i.previous());
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            // Leave whatever is installed.
        }
    }
}
