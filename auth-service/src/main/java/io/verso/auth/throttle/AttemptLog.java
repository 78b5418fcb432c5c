package io.verso.auth.throttle;

import io.vertx.core.Future;
import java.util.List;

/**
 * Recent attempts per key, each key a sliding window: a {@link Limit} allows {@code max} attempts
 * inside the last {@code windowMs}. The login and sign-up throttles decide with it; where the counts
 * live is the adapter's business: {@link MemoryAttemptLog} (this node), {@link RedisAttemptLog}
 * (shared by every node), {@link FallbackAttemptLog} (Redis, and this node's memory while Redis is
 * unreachable). They pass one contract suite. {@code now} is the caller's clock in milliseconds
 * (nodes keep theirs in step with NTP: skew only moves a wait by as much); a call over several
 * limits is atomic.
 */
public interface AttemptLog {

  /** At most {@code max} attempts counted under {@code key} within the last {@code windowMs}. */
  record Limit(String key, int max, long windowMs) {
    public Limit {
      if (key == null || max < 1 || windowMs < 1) {
        throw new IllegalArgumentException("a limit needs a key, max >= 1 and windowMs >= 1");
      }
    }
  }

  /** Milliseconds until every limit has room for one more attempt; 0 when all have now. Counts nothing. */
  Future<Long> peek(long now, List<Limit> limits);

  /**
   * Counts one attempt under every limit when each has room (answers 0), else counts nothing and
   * answers the wait, as {@link #peek}.
   */
  Future<Long> take(long now, List<Limit> limits);

  /** Counts one attempt under every limit whatever they hold, keeping only the newest {@code max}. */
  Future<Void> add(long now, List<Limit> limits);

  /** Takes back the newest attempt under each key (one that turned out not to count). */
  Future<Void> dropNewest(List<String> keys);

  /** Forgets every attempt under the key. */
  Future<Void> clear(String key);

  /** Forgets keys whose attempts have all left their window (in memory; Redis expires keys itself). */
  void sweep(long now);
}
