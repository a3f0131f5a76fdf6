package io.cfsync.send.rate.redis;

import io.cfsync.send.rate.BudgetKey;
import io.cfsync.send.rate.SharedRateUrl;
import io.cfsync.send.rate.SharedStore;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.exceptions.JedisAccessControlException;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.exceptions.JedisNoScriptException;

/**
 * A shared budget held in Redis: every call is one run of {@link BudgetScript} by its SHA (loaded again when Redis
 * forgot it, after a restart). The only class that talks to Redis. Failures become {@link SharedStore.Down} with
 * the URL shown without its password. Thread-safe (a small connection pool).
 */
public final class RedisStore implements SharedStore {
    /** Short: a sender waits on this call, and a lost Redis must turn into the fallback quickly. */
    private static final int TIMEOUT_MILLIS = 500;

    private final SharedRateUrl url;
    private final String name;
    private final List<String> keys;
    private final RedisClient client;
    private volatile String sha;

    private RedisStore(SharedRateUrl url, String name, RedisClient client) {
        this.url = url;
        this.name = name;
        String key = BudgetKey.redisKey(name);
        this.keys = List.of(key, key + ":workers");
        this.client = client;
    }

    /**
     * Connects and loads the script.
     *
     * @throws SharedStore.Down when Redis cannot be reached or refuses the login
     */
    public static RedisStore open(SharedRateUrl url, String name) {
        RedisStore store = connect(url, name);
        try {
            store.sha = store.call(() -> store.client.scriptLoad(BudgetScript.TEXT));
        } catch (Down e) {
            store.close();
            throw e;
        }
        return store;
    }

    /**
     * A store that reaches Redis on its first call (a worker that starts while Redis is away paces alone until it
     * answers). Never throws.
     */
    public static RedisStore connect(SharedRateUrl url, String name) {
        DefaultJedisClientConfig.Builder cfg = DefaultJedisClientConfig.builder()
                .connectionTimeoutMillis(TIMEOUT_MILLIS).socketTimeoutMillis(TIMEOUT_MILLIS)
                .database(url.db()).ssl(url.tls()).clientName("cf-sync");
        if (url.password() != null) {
            cfg.user(url.user()).password(url.password());
        }
        RedisClient client = RedisClient.builder().hostAndPort(url.host(), url.port()).clientConfig(cfg.build())
                .build();
        return new RedisStore(url, name, client);
    }

    @Override
    public Grant take(int permits, double ceiling, double want, double seen, double slack) {
        List<?> r = (List<?>) run("take", Integer.toString(permits), num(ceiling), num(want), num(seen), num(slack),
                Long.toString(BudgetScript.KEEP_MILLIS));
        return new Grant(permits, nanos(r.get(0)), nanos(r.get(1)), Double.parseDouble(r.get(2).toString()),
                Integer.parseInt(r.get(3).toString()));
    }

    @Override
    public int beat(String id, String label, long lastMinute) {
        Object r = run("beat", id, label, Long.toString(lastMinute), Long.toString(BudgetScript.KEEP_MILLIS));
        return ((Number) r).intValue();
    }

    @Override
    public void leave(String id) {
        try {
            run("leave", id);
        } catch (Down e) {
            // Leaving is a courtesy: the registry forgets a silent worker anyway.
        }
    }

    @Override
    public Budget read() {
        List<?> r = (List<?>) run("read");
        double now = Double.parseDouble(r.get(0).toString());
        List<Worker> workers = new ArrayList<>();
        for (int i = 3; i + 1 < r.size(); i += 2) {
            String[] v = r.get(i + 1).toString().split("\\|", 3);
            long age = (long) ((now - Double.parseDouble(v[0])) / 1000);
            if (age * 1000 <= BudgetScript.LIVE_MICROS) {
                workers.add(new Worker(r.get(i).toString(), v.length > 2 ? v[2] : "", Long.parseLong(v[1]), age));
            }
        }
        workers.sort(Comparator.comparing(Worker::label).thenComparing(Worker::id));
        return new Budget(name, rateOr(r.get(1)), rateOr(r.get(2)), List.copyOf(workers));
    }

    /** The names of the budgets held in this Redis, sorted. @throws Down when it cannot be reached */
    public List<String> names() {
        return call(() -> {
            java.util.TreeSet<String> out = new java.util.TreeSet<>();
            String cursor = redis.clients.jedis.params.ScanParams.SCAN_POINTER_START;
            redis.clients.jedis.params.ScanParams match = new redis.clients.jedis.params.ScanParams()
                    .match(BudgetKey.redisKey("*")).count(500);
            int rounds = 0;
            do {
                redis.clients.jedis.resps.ScanResult<String> r = client.scan(cursor, match);
                for (String k : r.getResult()) {
                    out.add(k.substring(k.indexOf('{') + 1, k.lastIndexOf('}')));
                }
                cursor = r.getCursor();
            } while (!cursor.equals(redis.clients.jedis.params.ScanParams.SCAN_POINTER_START) && ++rounds < 10_000);
            return List.copyOf(out);
        });
    }

    @Override
    public void close() {
        client.close();
    }

    private Object run(String... args) {
        return call(() -> {
            try {
                if (sha == null) {
                    sha = client.scriptLoad(BudgetScript.TEXT);
                }
                return client.evalsha(sha, keys, List.of(args));
            } catch (JedisNoScriptException e) {
                // Redis restarted (or flushed its scripts): load the script again and run it once more.
                sha = client.scriptLoad(BudgetScript.TEXT);
                return client.evalsha(sha, keys, List.of(args));
            }
        });
    }

    private interface Call<T> {
        T run();
    }

    private <T> T call(Call<T> c) {
        try {
            return c.run();
        } catch (JedisAccessControlException e) {
            throw new Down("Redis at " + url.shown() + " refused the login (check the user and password)");
        } catch (JedisConnectionException e) {
            throw new Down("Redis at " + url.shown() + " cannot be reached (" + cause(e) + ")");
        } catch (JedisDataException e) {
            throw new Down("Redis at " + url.shown() + " answered an error (" + firstLine(e.getMessage()) + ")");
        } catch (JedisException | ClassCastException | NumberFormatException | IndexOutOfBoundsException e) {
            throw new Down("Redis at " + url.shown() + " failed (" + e.getClass().getSimpleName() + ")");
        }
    }

    private String cause(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        String m = t.getMessage();
        return m == null ? t.getClass().getSimpleName() : firstLine(m);
    }

    private String firstLine(String m) {
        if (m == null) {
            return "no message";
        }
        String line = m.lines().findFirst().orElse("");
        String pw = url.password();
        return pw == null ? line : line.replace(pw, "<redacted>");
    }

    private static double rateOr(Object o) {
        String s = o == null ? "" : o.toString();
        return s.isEmpty() ? Double.NaN : Double.parseDouble(s);
    }

    private static String num(double d) {
        return String.format(java.util.Locale.ROOT, "%.6f", d);
    }

    /** Microseconds, as the script sends them, in nanoseconds. */
    private static long nanos(Object o) {
        return Math.round(Double.parseDouble(o.toString()) * 1000);
    }
}
