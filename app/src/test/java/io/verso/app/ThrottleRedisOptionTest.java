package io.verso.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.verso.auth.AuthConfig;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code --redis-url} / {@code VERSO_REDIS_URI} reaches the auth-service too: its login and sign-up
 * counters are then shared by every node; without it they stay in each node's memory.
 */
class ThrottleRedisOptionTest {
  private static String redisOfAuth(AppOptions o) {
    return AuthConfig.from(o.serviceConfig()).redisUri();
  }

  @Test
  void theRedisOfTheFlagOrTheEnvironmentCountsLoginsNoneMeansMemory() {
    assertNull(redisOfAuth(AppOptions.parse(new String[0], Map.of())));
    assertEquals("redis://cache:6379", redisOfAuth(AppOptions.parse(new String[] {"--redis-url=redis://cache:6379"}, Map.of())));
    assertEquals("redis://cache:6379", redisOfAuth(AppOptions.parse(new String[0], Map.of("VERSO_REDIS_URI", "redis://cache:6379"))));
  }
}
