package io.verso.web.api;

import io.verso.protocol.ErrorCode;
import io.verso.protocol.RetryAfter;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Uploads per user on this node: a bucket of {@code perMinute} uploads per user, refilled evenly, so
 * a burst of a few pasted images passes and a script filling storage is slowed down (429 with
 * Retry-After). Buckets that are full again are forgotten, so memory follows the active uploaders.
 */
final class UploadRate {
  private final int perMinute;
  private final double perNano;
  private final LongSupplier clock;
  private final String refusal;
  private final Map<String, double[]> buckets = new LinkedHashMap<>(); // user → {tokens, lastNanos}

  /** {@code refusal}: what the 429 says, e.g. "too many image uploads". */
  UploadRate(int perMinute, LongSupplier nanoClock, String refusal) {
    this.refusal = refusal;
    this.perMinute = perMinute;
    this.perNano = perMinute / 60e9;
    this.clock = nanoClock;
  }

  /** Takes one upload of the user's; RATE_LIMITED (saying when to come back) when none is left. */
  synchronized void take(String userId) {
    long now = clock.getAsLong();
    forgetFull(now);
    double[] b = buckets.computeIfAbsent(userId, u -> new double[] {perMinute, now});
    b[0] = Math.min(perMinute, b[0] + (now - (long) b[1]) * perNano);
    b[1] = now;
    if (b[0] < 1) {
      long seconds = (long) Math.ceil((1 - b[0]) / perNano / 1e9);
      throw ErrorCode.RATE_LIMITED.exception(RetryAfter.message(refusal, seconds));
    }
    b[0] -= 1;
  }

  private void forgetFull(long now) {
    for (Iterator<double[]> it = buckets.values().iterator(); it.hasNext(); ) {
      double[] b = it.next();
      if (b[0] + (now - (long) b[1]) * perNano >= perMinute) {
        it.remove();
      }
    }
  }
}
