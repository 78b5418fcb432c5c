package io.verso.auth.throttle;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ThrottleKeysTest {
  @Test
  void plainNamesAndAddressesStayReadable() {
    assertThat(ThrottleKeys.loginAccount("alice.b-2")).isEqualTo("login:account:alice.b-2");
    assertThat(ThrottleKeys.loginAddress("192.0.2.7")).isEqualTo("login:ip:192.0.2.7");
    assertThat(ThrottleKeys.loginAddress("2001:db8::1%eth0")).isEqualTo("login:ip:2001:db8::1%eth0");
    assertThat(ThrottleKeys.signupAddress("20010db800010002::/64")).isEqualTo("signup:ip:20010db800010002::/64");
  }

  @Test
  void longOrOddPartsAreHashedSoKeysStayBounded() {
    String huge = "x".repeat(10_000);
    assertThat(ThrottleKeys.loginAccount(huge)).startsWith("login:account:sha256:").hasSize(14 + 7 + 64);
    assertThat(ThrottleKeys.loginAccount(huge + "y")).isNotEqualTo(ThrottleKeys.loginAccount(huge));
    assertThat(ThrottleKeys.loginAccount("a b\n*")).startsWith("login:account:sha256:");
    assertThat(ThrottleKeys.loginAccount(null)).isEqualTo("login:account:-");
  }
}
