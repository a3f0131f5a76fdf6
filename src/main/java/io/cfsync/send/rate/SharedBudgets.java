package io.cfsync.send.rate;

import io.cfsync.send.rate.redis.RedisStore;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;

/** Opens a worker's place on a shared budget. Stateless. */
public final class SharedBudgets {
    private SharedBudgets() {
    }

    /**
     * Joins {@code shared} with its heartbeat started; close the pacer at the end of the run to leave.
     *
     * @param ceiling {@code --rate}
     * @param note    where the fallback and rejoin notes go
     */
    public static SharedPacer join(SharedRate shared, double ceiling, Consumer<String> note) {
        RedisStore store = RedisStore.connect(shared.url(), shared.key());
        SharedPacer p = new SharedPacer(store, shared.url().shown(), workerId(), shared.label(), ceiling,
                System::nanoTime, note);
        p.start();
        return p;
    }

    /** {@code host:pid:random}: unique on a budget, and says where a worker runs. */
    static String workerId() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "unknown-host";
        }
        return host + ":" + ProcessHandle.current().pid() + ":"
                + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x10000));
    }
}
