package io.verso.edit;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Token bucket with an explicit clock. */
class RateLimiterTest {
  private static final long SECOND = 1_000_000_000L;

  @Test
  void burstThenSustainedRatePerKey() {
    RateLimiter limiter = new RateLimiter(2.0, 3);
    long t = 0;
    for (int i = 0; i < 3; i++) {
      assertTrue(limiter.tryAcquire("alice", t));
    }
    assertFalse(limiter.tryAcquire("alice", t), "burst spent");
    assertTrue(limiter.tryAcquire("bob", t), "buckets are per user");
    assertFalse(limiter.tryAcquire("alice", t + SECOND / 4), "half a token is not a token");
    assertTrue(limiter.tryAcquire("alice", t + SECOND / 2), "2 per second: one token after 0.5 s");
    assertFalse(limiter.tryAcquire("alice", t + SECOND / 2));
    assertTrue(limiter.tryAcquire("alice", t + 100 * SECOND));
    assertTrue(limiter.tryAcquire("alice", t + 100 * SECOND));
    assertTrue(limiter.tryAcquire("alice", t + 100 * SECOND));
    assertFalse(limiter.tryAcquire("alice", t + 100 * SECOND), "refill is capped at the burst");
  }

  @Test
  void pruneForgetsOnlyFullBuckets() {
    RateLimiter limiter = new RateLimiter(1.0, 2);
    assertTrue(limiter.tryAcquire("a", 0));
    assertTrue(limiter.tryAcquire("a", 0));
    limiter.prune(SECOND / 2); // "a" is not full again yet: kept, still limited
    assertFalse(limiter.tryAcquire("a", SECOND / 2));
    limiter.prune(10 * SECOND); // full again: forgotten, starts with a full burst
    assertTrue(limiter.tryAcquire("a", 10 * SECOND));
    assertTrue(limiter.tryAcquire("a", 10 * SECOND));
    assertFalse(limiter.tryAcquire("a", 10 * SECOND));
  }
}
