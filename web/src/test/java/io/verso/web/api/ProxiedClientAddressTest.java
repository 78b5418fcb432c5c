package io.verso.web.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.verso.web.e2e.FullStack;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Behind a load balancer every connection comes from the balancer: login throttling must count the
 * client the balancer speaks for (PROXY protocol, or X-Forwarded-For from a trusted proxy), or one
 * attacker locks everybody out. A client that is not a trusted proxy cannot choose its address.
 * Here the address allowance is 5 failed logins.
 */
class ProxiedClientAddressTest {
  private static final int PER_ADDRESS = 5;
  private static final String ATTACKER = "203.0.113.66";
  private static final String SOMEONE_ELSE = "198.51.100.7";

  private static FullStack stack(JsonObject web) {
    return new FullStack(web, new JsonObject().put("auth.login.maxFailuresPerAddress", PER_ADDRESS)
        .put("auth.login.maxFailuresPerAccount", 1000));
  }

  @Test
  void behindATrustedProxyOneClientsBadLoginsDoNotLockOutAnother() {
    try (FullStack stack = stack(new JsonObject().put("http.trustedProxies", "10.0.0.0/8, 127.0.0.1"))) {
      for (int i = 0; i < PER_ADDRESS; i++) {
        // the attacker's own header entries on the left are not believed: the proxy appended the real one
        assertThat(badLogin(stack.port(), "", "X-Forwarded-For: 192.0.2." + i + ", " + ATTACKER + "\r\n")).isEqualTo(401);
      }
      assertThat(badLogin(stack.port(), "", "X-Forwarded-For: " + ATTACKER + "\r\n")).as("the attacker").isEqualTo(429);
      assertThat(badLogin(stack.port(), "", "X-Forwarded-For: " + SOMEONE_ELSE + ", 10.1.2.3\r\n"))
          .as("another client behind two proxies").isEqualTo(401);
    }
  }

  @Test
  void aForgedForwardedForFromAnUntrustedPeerIsIgnored() {
    try (FullStack stack = stack(new JsonObject().put("http.trustedProxies", "10.0.0.0/8"))) {
      for (int i = 0; i < PER_ADDRESS; i++) {
        assertThat(badLogin(stack.port(), "", "X-Forwarded-For: 192.0.2." + i + "\r\n")).isEqualTo(401);
      }
      assertThat(badLogin(stack.port(), "", "X-Forwarded-For: " + SOMEONE_ELSE + "\r\n"))
          .as("the peer 127.0.0.1 is counted, whatever it claims").isEqualTo(429);
    }
  }

  @Test
  void withThePROXYProtocolTheAddressItCarriesIsCounted() {
    try (FullStack stack = stack(new JsonObject().put("http.proxyProtocol", true))) {
      for (int i = 0; i < PER_ADDRESS; i++) {
        assertThat(badLogin(stack.port(), proxyLine(ATTACKER), "")).isEqualTo(401);
      }
      assertThat(badLogin(stack.port(), proxyLine(ATTACKER), "")).as("the attacker").isEqualTo(429);
      assertThat(badLogin(stack.port(), proxyLine(SOMEONE_ELSE), "")).as("another client").isEqualTo(401);
    }
  }

  private static String proxyLine(String client) {
    return "PROXY TCP4 " + client + " 10.0.0.1 40000 8080\r\n";
  }

  /** A login with a wrong password over a raw connection: {@code prefix} first, {@code headers} added; the status. */
  private static int badLogin(int port, String prefix, String headers) {
    byte[] body = new JsonObject().put("username", "nobody").put("password", "wrong password")
        .encode().getBytes(StandardCharsets.UTF_8);
    String head = prefix + "POST /api/auth/login HTTP/1.1\r\n"
        + "Host: 127.0.0.1:" + port + "\r\n"
        + "X-Requested-With: XMLHttpRequest\r\n"
        + "Content-Type: application/json\r\n"
        + headers
        + "Content-Length: " + body.length + "\r\n"
        + "Connection: close\r\n\r\n";
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(20_000);
      OutputStream out = socket.getOutputStream();
      out.write(head.getBytes(StandardCharsets.US_ASCII));
      out.write(body);
      out.flush();
      ByteArrayOutputStream all = new ByteArrayOutputStream();
      socket.getInputStream().transferTo(all);
      String response = all.toString(StandardCharsets.UTF_8);
      return Integer.parseInt(response.substring(9, 12));
    } catch (java.io.IOException | RuntimeException e) {
      throw new IllegalStateException("no HTTP answer", e);
    }
  }
}
