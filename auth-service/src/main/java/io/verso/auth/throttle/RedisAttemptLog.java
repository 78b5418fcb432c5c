package io.verso.auth.throttle;

import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The attempts of every node, in Redis: a key is a sorted set {@code verso:throttle:<key>} of its
 * recent attempts scored by time, pruned and counted by one Lua script per call, so nodes checking
 * the same key at once cannot both take its last place. Bounded: a set holds at most its limit's
 * {@code max} members, and every write sets the key's expiry to the window (no key without a TTL;
 * a key whose newest attempt left the window is gone). A login's keys are counted in one script,
 * so this needs one Redis server (or primary), not Redis Cluster. Failures (Redis unreachable) come
 * back as failed futures: {@link FallbackAttemptLog} decides what then.
 */
public final class RedisAttemptLog implements AttemptLog {
  public static final String PREFIX = "verso:throttle:";

  /**
   * KEYS: the limits' keys; ARGV: mode (peek, take, add), now, the member to add, then max and
   * window of each key. Prunes each key to its window; peek and take answer the longest wait of a
   * full key; take (when none is full) and add count the member under every key, keep the newest
   * max and set the expiry.
   */
  static final String COUNT = """
      local mode, now, member = ARGV[1], tonumber(ARGV[2]), ARGV[3]
      local wait = 0
      for i, key in ipairs(KEYS) do
        local max, window = tonumber(ARGV[2 + 2 * i]), tonumber(ARGV[3 + 2 * i])
        redis.call('ZREMRANGEBYSCORE', key, '-inf', now - window)
        if mode ~= 'add' and redis.call('ZCARD', key) >= max then
          local oldest = tonumber(redis.call('ZRANGE', key, 0, 0, 'WITHSCORES')[2])
          wait = math.max(wait, oldest + window - now, 1)
        end
      end
      if mode == 'peek' or wait > 0 then
        return wait
      end
      for i, key in ipairs(KEYS) do
        redis.call('ZADD', key, ARGV[2], member)
        redis.call('ZREMRANGEBYRANK', key, 0, -1 - tonumber(ARGV[2 + 2 * i]))
        redis.call('PEXPIRE', key, ARGV[3 + 2 * i])
      end
      return 0
      """;

  /** KEYS: the keys whose newest member goes. Removing members never creates a key. */
  static final String DROP_NEWEST = """
      for _, key in ipairs(KEYS) do
        redis.call('ZREMRANGEBYRANK', key, -1, -1)
      end
      return 0
      """;

  private final Redis redis;
  /** Members must differ (a sorted set holds a member once): time, this instance, a sequence number. */
  private final String instance = UUID.randomUUID().toString().substring(0, 8);
  private final AtomicLong sequence = new AtomicLong();

  public RedisAttemptLog(Redis redis) {
    this.redis = redis;
  }

  @Override
  public Future<Long> peek(long now, List<Limit> limits) {
    return count("peek", now, limits);
  }

  @Override
  public Future<Long> take(long now, List<Limit> limits) {
    return count("take", now, limits);
  }

  @Override
  public Future<Void> add(long now, List<Limit> limits) {
    return count("add", now, limits).mapEmpty();
  }

  @Override
  public Future<Void> dropNewest(List<String> keys) {
    Request eval = Request.cmd(Command.EVAL).arg(DROP_NEWEST).arg(keys.size());
    keys.forEach(key -> eval.arg(PREFIX + key));
    return redis.send(eval).mapEmpty();
  }

  @Override
  public Future<Void> clear(String key) {
    return redis.send(Request.cmd(Command.DEL).arg(PREFIX + key)).mapEmpty();
  }

  /** Nothing to do: every key expires with its window. */
  @Override
  public void sweep(long now) {}

  private Future<Long> count(String mode, long now, List<Limit> limits) {
    Request eval = Request.cmd(Command.EVAL).arg(COUNT).arg(limits.size());
    limits.forEach(limit -> eval.arg(PREFIX + limit.key()));
    eval.arg(mode).arg(now).arg(now + ":" + instance + ":" + sequence.incrementAndGet());
    limits.forEach(limit -> eval.arg(limit.max()).arg(limit.windowMs()));
    return redis.send(eval).map(Response::toLong);
  }
}
