package io.verso.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

class AuthConfigTest {
  @Test
  void defaultsAreTheSafeOnes() {
    AuthConfig c = AuthConfig.from(new JsonObject());
    assertThat(c.accessTtlSeconds()).isEqualTo(900);
    assertThat(c.refreshTtlSeconds()).isEqualTo(30L * 24 * 3600);
    assertThat(c.argon2MemoryKiB()).isEqualTo(19456);
    assertThat(c.maxFailuresPerAccount()).isEqualTo(20);
    assertThat(c.loginWindowMs()).isEqualTo(15 * 60_000L);
    assertThat(c.privateKeyPem()).isNull();
    assertThat(c.redisUri()).as("throttle counts in memory").isNull();
  }

  @Test
  void aRedisUriSharesTheThrottleCounts() {
    assertThat(AuthConfig.from(new JsonObject().put("redis.uri", " redis://cache:6379 ")).redisUri())
        .isEqualTo("redis://cache:6379");
    assertThat(AuthConfig.from(new JsonObject().put("redis", new JsonObject().put("uri", "redis://c:1"))).redisUri())
        .isEqualTo("redis://c:1");
    assertThat(AuthConfig.from(new JsonObject().put("redis.uri", " ")).redisUri()).isNull();
  }

  @Test
  void flatAndNestedKeysAndNumbersAsText() {
    assertThat(AuthConfig.from(new JsonObject().put("auth.login.windowMs", 3000)).loginWindowMs()).isEqualTo(3000);
    assertThat(AuthConfig.from(new JsonObject().put("auth", new JsonObject()
        .put("login", new JsonObject().put("windowMs", "2500")))).loginWindowMs()).isEqualTo(2500);
    assertThat(AuthConfig.from(new JsonObject().put("auth.accessTtlSeconds", 60)).accessTtlSeconds()).isEqualTo(60);
  }

  @Test
  void refusesWhatWouldWeakenTheDesign() {
    assertThatThrownBy(() -> AuthConfig.from(new JsonObject().put("auth.accessTtlSeconds", 901)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> AuthConfig.from(new JsonObject().put("auth.accessTtlSeconds", 0)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> AuthConfig.from(new JsonObject().put("auth.login.windowMs", "soon")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> AuthConfig.from(new JsonObject().put("auth.jwt.privateKeyPem", "x")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> AuthConfig.from(new JsonObject().put("auth.login.maxFailuresPerAccount", 0)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
