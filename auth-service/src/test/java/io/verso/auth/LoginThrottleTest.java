package io.verso.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.verso.auth.throttle.MemoryAttemptLog;
import io.vertx.core.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {
  private final AtomicLong now = new AtomicLong(1_000_000);
  private final MemoryAttemptLog log = new MemoryAttemptLog();
  private final LoginThrottle throttle = new LoginThrottle(20, 50, 60_000, log, now::get);

  /** The answer of a throttle counting in memory, which is there at once. */
  static <T> T answered(Future<T> answer) {
    assertThat(answer.isComplete()).isTrue();
    return answer.result();
  }

  @Test
  void twentyFailuresInARowBlockUntilTheOldestLeavesTheWindow() {
    for (int i = 0; i < 20; i++) {
      assertThat(answered(throttle.retryAfterMs("alice", "1.2.3.4"))).isZero();
      throttle.failure("alice", "1.2.3.4");
      now.addAndGet(1000);
    }
    // the first failure was at 1_000_000, the window is 60 s, now is 1_020_000
    assertThat(answered(throttle.retryAfterMs("alice", "1.2.3.4"))).isEqualTo(40_000);
    assertThat(answered(throttle.retryAfterMs("alice", "5.6.7.8"))).isEqualTo(40_000);
    assertThat(answered(throttle.retryAfterMs("bob", "5.6.7.8"))).isZero();
    now.addAndGet(40_000);
    assertThat(answered(throttle.retryAfterMs("alice", "1.2.3.4"))).isZero();
  }

  @Test
  void successClearsTheAccountButNotTheAddress() {
    for (int i = 0; i < 19; i++) {
      throttle.failure("alice", "1.2.3.4");
    }
    assertThat(answered(throttle.attempt("alice", "1.2.3.4"))).isZero();
    throttle.success("alice", "1.2.3.4");
    throttle.failure("alice", "1.2.3.4");
    assertThat(answered(throttle.retryAfterMs("alice", "1.2.3.4"))).isZero();
  }

  @Test
  void abandonedAttemptsDoNotCount() {
    for (int i = 0; i < 50; i++) {
      assertThat(answered(throttle.attempt("alice", "1.2.3.4"))).isZero();
      throttle.abandon("alice", "1.2.3.4");
    }
    assertThat(answered(throttle.retryAfterMs("alice", "1.2.3.4"))).isZero();
  }

  @Test
  void parallelAttemptsCountBeforeTheirOutcome() {
    // 25 guesses started at once (hashes still running): only the first 20 may go ahead
    int allowed = 0;
    for (int i = 0; i < 25; i++) {
      if (answered(throttle.attempt("alice", "1.2.3.4")) == 0) {
        allowed++;
      }
    }
    assertThat(allowed).isEqualTo(20);
    assertThat(answered(throttle.attempt("alice", "1.2.3.4"))).isEqualTo(60_000);
  }

  @Test
  void addressLimitCoversManyAccounts() {
    for (int i = 0; i < 50; i++) {
      throttle.failure("user" + i, "9.9.9.9");
    }
    assertThat(answered(throttle.retryAfterMs("someone-else", "9.9.9.9"))).isPositive();
    assertThat(answered(throttle.retryAfterMs("someone-else", "1.1.1.1"))).isZero();
  }

  @Test
  void sweepForgetsOldKeys() {
    throttle.failure("alice", "1.2.3.4");
    assertThat(log.size()).isEqualTo(2);
    now.addAndGet(60_001);
    throttle.sweep();
    assertThat(log.size()).isZero();
  }
}
