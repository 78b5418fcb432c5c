package io.verso.presence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonObject;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PresenceConfigTest {
  @Test
  void defaults() {
    PresenceConfig c = PresenceConfig.from(new JsonObject(), Map.of());
    assertThat(c.redisUri()).isNull();
    assertThat(c.ttlSeconds()).isEqualTo(30);
    assertThat(c.heartbeatIntervalMs()).isEqualTo(10_000);
    assertThat(c.throttlePerSecond()).isEqualTo(10);
    assertThat(c.throttleIntervalMs()).isEqualTo(100);
    assertThat(c.maxClientsPerUser()).isEqualTo(100);
    assertThat(c.ttlSeconds()).as("dead nodes' clients vanish within about 30 s by default").isLessThanOrEqualTo(30);
  }

  @Test
  void redisUriFromConfigThenEnvironment() {
    assertThat(PresenceConfig.from(new JsonObject().put("redis", new JsonObject().put("uri", "redis://a:1")),
        Map.of(PresenceConfig.ENV_REDIS_URI, "redis://env:2")).redisUri()).isEqualTo("redis://a:1");
    assertThat(PresenceConfig.from(new JsonObject().put("redis.uri", "redis://b:1"), Map.of()).redisUri())
        .isEqualTo("redis://b:1");
    assertThat(PresenceConfig.from(new JsonObject(), Map.of(PresenceConfig.ENV_REDIS_URI, "redis://env:2"))
        .redisUri()).isEqualTo("redis://env:2");
  }

  @Test
  void shortTtlDerivesTheRenewalInterval() {
    PresenceConfig c = PresenceConfig.from(new JsonObject().put("ttlSeconds", 3), Map.of());
    assertThat(c.heartbeatIntervalMs()).isEqualTo(1000);
  }

  @Test
  void nonsenseIsRefused() {
    assertThatThrownBy(() -> PresenceConfig.from(new JsonObject().put("ttlSeconds", 0), Map.of()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> PresenceConfig.from(
        new JsonObject().put("ttlSeconds", 2).put("heartbeatIntervalMs", 2000), Map.of()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> PresenceConfig.from(new JsonObject().put("throttlePerSecond", 0), Map.of()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> PresenceConfig.from(new JsonObject().put("maxClientsPerUser", 0), Map.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
