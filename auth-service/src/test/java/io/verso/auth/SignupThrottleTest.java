package io.verso.auth;

import static io.verso.auth.LoginThrottleTest.answered;
import static org.assertj.core.api.Assertions.assertThat;

import io.verso.auth.throttle.MemoryAttemptLog;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class SignupThrottleTest {
  private final AtomicLong now = new AtomicLong(1_000_000);
  private final MemoryAttemptLog addresses = new MemoryAttemptLog();
  private final SignupThrottle throttle = new SignupThrottle(3, 60_000, 5, 10_000, addresses, now::get);

  @Test
  void anAddressGetsAFewPerWindowThenWaitsForTheOldestToLeaveIt() {
    assertThat(answered(throttle.attempt("10.0.0.1"))).isZero();
    now.addAndGet(20_000);
    assertThat(answered(throttle.attempt("10.0.0.1"))).isZero();
    assertThat(answered(throttle.attempt("10.0.0.1"))).isZero();
    assertThat(answered(throttle.attempt("10.0.0.1"))).isEqualTo(40_000);
    assertThat(answered(throttle.attempt("10.0.0.2"))).as("another address").isZero();
    now.addAndGet(40_000);
    assertThat(answered(throttle.attempt("10.0.0.1"))).as("the first one left the window").isZero();
  }

  @Test
  void allAddressesTogetherAreLimitedToo() {
    for (int i = 0; i < 5; i++) {
      assertThat(answered(throttle.attempt("10.1.0." + i))).isZero();
    }
    assertThat(answered(throttle.attempt("10.1.0.99"))).isEqualTo(10_000);
    now.addAndGet(10_000);
    assertThat(answered(throttle.attempt("10.1.0.99"))).isZero();
  }

  @Test
  void aReleasedAttemptIsNotCounted() {
    for (int i = 0; i < 3; i++) {
      assertThat(answered(throttle.attempt("10.2.0.1"))).isZero();
      throttle.release("10.2.0.1");
    }
    assertThat(answered(throttle.attempt("10.2.0.1"))).isZero();
    assertThat(answered(throttle.attempt("10.2.0.1"))).isZero();
  }

  @Test
  void ipv6IsCountedPerSlash64AndMappedIpv4AsIpv4() {
    assertThat(SignupThrottle.key("2001:db8:1:2:aaaa::1")).isEqualTo(SignupThrottle.key("2001:db8:1:2:bbbb::2"))
        .isEqualTo("20010db800010002::/64");
    assertThat(SignupThrottle.key("2001:db8:1:3::1")).isNotEqualTo(SignupThrottle.key("2001:db8:1:2::1"));
    assertThat(SignupThrottle.key("::ffff:192.0.2.7")).isEqualTo("192.0.2.7");
    assertThat(SignupThrottle.key(null)).isEqualTo("unknown");
    assertThat(SignupThrottle.key("not-an-address")).isEqualTo("not-an-address");
    for (int i = 1; i <= 3; i++) {
      assertThat(answered(throttle.attempt("2001:db8:9:9::" + i))).isZero();
    }
    assertThat(answered(throttle.attempt("2001:db8:9:9::ffff"))).as("same /64").isPositive();
  }

  @Test
  void refusedAttemptsLeaveNoStateAndTheSweepForgetsOldAddresses() {
    for (int i = 0; i < 5; i++) {
      answered(throttle.attempt("10.3.0." + i));
    }
    for (int i = 0; i < 1000; i++) {
      assertThat(answered(throttle.attempt("10.4." + (i / 250) + "." + (i % 250)))).isPositive();
    }
    assertThat(addresses.size()).isEqualTo(5);
    now.addAndGet(60_000);
    throttle.sweep();
    assertThat(addresses.size()).isZero();
  }
}
