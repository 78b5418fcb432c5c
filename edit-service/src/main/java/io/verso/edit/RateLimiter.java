package io.verso.edit;

import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/** Token bucket per key (user). Not thread-safe: owned by one sequencer's event loop. */
public final class RateLimiter {
  private final double perSecond;
  private final double burst;
  private final Map<String, double[]> buckets = new HashMap<>(); // key -> {tokens, lastNanos}

  public RateLimiter(double perSecond, int burst) {
    this.perSecond = perSecond;
    this.burst = burst;
  }

  /** Takes one token for {@code key}; false when the bucket is empty. */
  public boolean tryAcquire(String key, long nowNanos) {
    double[] b = buckets.computeIfAbsent(key, k -> new double[] {burst, nowNanos});
    double elapsed = (nowNanos - b[1]) / 1e9;
    b[0] = Math.min(burst, b[0] + elapsed * perSecond);
    b[1] = nowNanos;
    if (b[0] < 1.0) {
      return false;
    }
    b[0] -= 1.0;
    return true;
  }

  /** Forgets buckets that are full again, so the map does not grow without bound. */
  public void prune(long nowNanos) {
    for (Iterator<double[]> it = buckets.values().iterator(); it.hasNext(); ) {
      double[] b = it.next();
      if (b[0] + (nowNanos - b[1]) / 1e9 * perSecond >= burst) {
        it.remove();
      }
    }
  }
}
