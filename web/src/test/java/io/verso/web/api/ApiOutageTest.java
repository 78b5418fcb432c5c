package io.verso.web.api;

import static io.verso.web.api.ApiAuthTest.assertError;
import static io.verso.web.api.ApiAuthTest.register;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/**
 * Storage-service gone: signed-in users keep working with their access cookie (verified locally,
 * no storage or auth round trip), and a refresh that cannot be judged answers 503 without logging
 * the user out; once storage is back the same refresh cookie works.
 */
class ApiOutageTest extends WithApiStack {

  @Test
  void anOutageDoesNotSignAnyoneOut() {
    CookieClient b = new CookieClient(port);
    register(b, "outage.web");
    String refresh = b.cookie("__Secure-verso_rt");

    stack.stopStorage();
    try {
      assertThat(b.get("/api/me").statusCode()).isEqualTo(200);
      HttpResponse<String> r = b.post("/api/auth/refresh", null);
      assertError(r, 503, "UNAVAILABLE");
      assertThat(r.headers().allValues("Set-Cookie")).isEmpty();
      assertError(b.post("/api/auth/login", "{\"username\":\"outage.web\",\"password\":\"password-outage.web\"}"),
          503, "UNAVAILABLE");
    } finally {
      stack.startStorage();
    }

    assertThat(b.cookie("__Secure-verso_rt")).isEqualTo(refresh);
    assertThat(b.post("/api/auth/refresh", null).statusCode()).isEqualTo(204);
    assertThat(b.cookie("__Secure-verso_rt")).isNotEqualTo(refresh);
    assertThat(b.get("/api/me").statusCode()).isEqualTo(200);
  }
}
