package io.cfsync.send.rate.redis;

/**
 * The one Lua script every worker runs on Redis (loaded once, then run by its SHA): GCRA over blocks of permits on
 * Redis's own clock, the shared adaptive rate, and the worker registry. Times are microseconds of Redis's
 * {@code TIME}; numbers travel as strings, because Redis cuts a Lua number to an integer on the way out.
 * Stateless.
 */
final class BudgetScript {
    /** Unused permits and silent workers are forgotten after this long. */
    static final long KEEP_MILLIS = 3_600_000;
    /** A worker heard from within this long counts for the fallback share and the status. */
    static final long LIVE_MICROS = 10_000_000;
    /** Registry entries older than this are dropped. */
    static final long FORGET_MICROS = 60_000_000;

    // The rate is cut at once by a worker that saw 429s (it wants less than it saw) and raised by one step of 5% of
    // the ceiling at most once a second (it wants more than it saw after a clean window): one worker's clean window
    // must not undo another's cut faster than a single process would.
    static final String TEXT = """
            local op = ARGV[1]
            local t = redis.call('TIME')
            local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
            local function f(x) return string.format('%.3f', x) end
            if op == 'take' then
              local n, ceiling, want, seen, slack = tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4]),
                tonumber(ARGV[5]), tonumber(ARGV[6])
              local b = redis.call('HMGET', KEYS[1], 'tat', 'rate', 'changed')
              local tat = tonumber(b[1]) or now
              local rate = tonumber(b[2]) or ceiling
              local changed = tonumber(b[3]) or 0
              if want < seen * 0.999 then
                if want < rate then rate = want end
                changed = now
              elseif want > seen * 1.001 and now - changed >= 1000000 then
                rate = math.max(rate, math.min(want, rate + ceiling * 0.05))
                changed = now
              end
              if rate > ceiling then rate = ceiling end
              if rate < 0.01 then rate = 0.01 end
              local gap = 1000000 * slack / rate
              if tat < now then tat = now end
              local start = tat
              redis.call('HSET', KEYS[1], 'tat', f(tat + n * gap), 'rate', f(rate), 'changed', f(changed),
                'ceiling', f(ceiling))
              redis.call('PEXPIRE', KEYS[1], ARGV[7])
              return {f(start - now), f(gap), f(rate), tostring(redis.call('HLEN', KEYS[2]))}
            elseif op == 'beat' then
              redis.call('HSET', KEYS[2], ARGV[2], f(now) .. '|' .. ARGV[4] .. '|' .. ARGV[3])
              redis.call('PEXPIRE', KEYS[2], ARGV[5])
              local all = redis.call('HGETALL', KEYS[2])
              local live = 0
              for i = 1, #all, 2 do
                local at = tonumber(string.match(all[i + 1], '^([%d.]+)'))
                if at == nil or now - at > %FORGET% then
                  redis.call('HDEL', KEYS[2], all[i])
                elseif now - at <= %LIVE% then
                  live = live + 1
                end
              end
              return live
            elseif op == 'leave' then
              redis.call('HDEL', KEYS[2], ARGV[2])
              return 0
            elseif op == 'read' then
              local b = redis.call('HMGET', KEYS[1], 'ceiling', 'rate')
              local out = {f(now), b[1] or '', b[2] or ''}
              local all = redis.call('HGETALL', KEYS[2])
              for i = 1, #all do out[#out + 1] = all[i] end
              return out
            end
            return redis.error_reply('unknown operation')
            """.replace("%FORGET%", Long.toString(FORGET_MICROS)).replace("%LIVE%", Long.toString(LIVE_MICROS));

    private BudgetScript() {
    }
}
