package io.verso.web.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.net.HostAndPort;
import org.junit.jupiter.api.Test;

/** Which Host names count as "plain-HTTP localhost" (the only place Secure may be dropped). */
class AuthCookiesTest {
  @Test
  void localhostNames() {
    for (String host : new String[] {"localhost", "LOCALHOST", "app.localhost", "127.0.0.1", "127.1.2.3", "[::1]"}) {
      assertThat(AuthCookies.isLocalhost(HostAndPort.create(host, 8080))).as(host).isTrue();
    }
  }

  @Test
  void everythingElseIsRemote() {
    for (String host : new String[] {"verso.example", "localhost.evil.example", "127.0.0.1.nip.io", "10.0.0.1",
        "[::2]", "notlocalhost", ""}) {
      assertThat(AuthCookies.isLocalhost(HostAndPort.create(host, 8080))).as(host).isFalse();
    }
    assertThat(AuthCookies.isLocalhost(null)).isFalse();
  }
}
