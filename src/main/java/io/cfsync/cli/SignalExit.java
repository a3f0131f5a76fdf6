package io.cfsync.cli;

import java.io.PrintStream;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;

/**
 * From the first moment of the process, SIGINT, SIGTERM and SIGHUP say so on stderr and exit with the "aborted"
 * code, instead of the JVM's silent 130/143/129. Under nohup SIGHUP stays ignored. A run that sends replaces
 * these handlers with its graceful stop for as long as it sends, and puts them back after. Uses
 * {@code sun.misc.Signal} reflectively, as the sender does; where it
 * is missing the JVM keeps its own behaviour.
 */
public final class SignalExit {
    private SignalExit() {
    }

    /** Installs the handlers; {@code exit} ends the process with the given code. */
    public static void install(PrintStream err, java.util.function.IntConsumer exit) {
        try {
            Class<?> signalClass = Class.forName("sun.misc.Signal");
            Class<?> handlerClass = Class.forName("sun.misc.SignalHandler");
            Method handle = signalClass.getMethod("handle", signalClass, handlerClass);
            Method getName = signalClass.getMethod("getName");
            Object handler = Proxy.newProxyInstance(SignalExit.class.getClassLoader(), new Class<?>[] {handlerClass},
                    (proxy, method, args) -> {
                        if (!method.getName().equals("handle")) {
                            return method.getName().equals("hashCode") ? System.identityHashCode(proxy)
                                    : method.getName().equals("equals") ? proxy == args[0] : "SignalExit";
                        }
                        err.println("cf-sync: interrupted by SIG" + getName.invoke(args[0]) + "; run aborted");
                        err.flush();
                        exit.accept(ExitCodes.ABORTED);
                        return null;
                    });
            for (String name : new String[] {"INT", "TERM", "HUP"}) {
                handle.invoke(null, signalClass.getConstructor(String.class).newInstance(name), handler);
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            // No usable sun.misc.Signal, or the signal is reserved (e.g. -Xrs): keep the JVM's own behaviour.
        }
    }
}
