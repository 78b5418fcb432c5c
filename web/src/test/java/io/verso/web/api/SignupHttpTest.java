package io.verso.web.api;

import static io.verso.web.api.ApiAuthTest.assertError;
import static io.verso.web.api.ApiAuthTest.register;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** Sign-up over HTTP: closed (403), throttled (429 + Retry-After), too busy (503 + Retry-After). */
class SignupHttpTest {
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @Test
  void closedSignUpIsForbidden() {
    try (ApiStack stack = new ApiStack(60_000, new JsonObject().put("auth.signup.mode", "closed"))) {
      CookieClient b = new CookieClient(stack.web(true).port());
      HttpResponse<String> r = register(b, "nobody.new");
      assertError(r, 403, "FORBIDDEN");
      assertThat(new JsonObject(r.body()).getJsonObject("error").getString("message")).isEqualTo("sign-up is closed");
      assertThat(r.headers().allValues("Set-Cookie")).isEmpty();
    }
  }

  @Test
  void tooManySignUpsFromOneAddressGet429WithRetryAfter() {
    try (ApiStack stack = new ApiStack(60_000, new JsonObject().put("auth.signup.maxPerAddress", 2))) {
      int port = stack.web(true).port();
      assertThat(register(new CookieClient(port), "first.of.two").statusCode()).isEqualTo(201);
      assertThat(register(new CookieClient(port), "second.of.two").statusCode()).isEqualTo(201);
      HttpResponse<String> third = register(new CookieClient(port), "third.of.two");
      assertError(third, 429, "RATE_LIMITED");
      assertThat(Long.parseLong(third.headers().firstValue("Retry-After").orElseThrow())).isBetween(1L, 3600L);
      // logging in is not signing up
      CookieClient first = new CookieClient(port);
      assertThat(first.post("/api/auth/login", "{\"username\":\"first.of.two\",\"password\":\"password-first.of.two\"}")
          .statusCode()).isEqualTo(200);
    }
  }

  @Test
  void aFullSignUpQueueAnswers503WithRetryAfter() {
    try (ApiStack stack = new ApiStack(60_000, new JsonObject().put("auth.argon2.memoryKiB", 19456)
        .put("auth.argon2.iterations", 2).put("auth.hashing.signupThreads", 1).put("auth.hashing.maxWaitingSignups", 0))) {
      int port = stack.web(true).port();
      List<CompletableFuture<HttpResponse<String>>> burst = new ArrayList<>();
      for (int i = 0; i < 12; i++) {
        String body = new JsonObject().put("username", "queued." + i).put("password", "a long password")
            .put("displayName", "Q").encode();
        burst.add(HTTP.sendAsync(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/auth/register"))
            .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
            .header("Origin", "http://localhost:" + port).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
            HttpResponse.BodyHandlers.ofString()));
      }
      List<HttpResponse<String>> answers = burst.stream().map(CompletableFuture::join).toList();
      List<HttpResponse<String>> busy = answers.stream().filter(r -> r.statusCode() == 503).toList();
      assertThat(answers).allMatch(r -> r.statusCode() == 201 || r.statusCode() == 503);
      assertThat(answers).anyMatch(r -> r.statusCode() == 201);
      assertThat(busy).isNotEmpty();
      for (HttpResponse<String> r : busy) {
        assertError(r, 503, "UNAVAILABLE");
        assertThat(Long.parseLong(r.headers().firstValue("Retry-After").orElseThrow())).isPositive();
      }
    }
  }
}
