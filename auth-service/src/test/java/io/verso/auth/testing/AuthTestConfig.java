package io.verso.auth.testing;

import io.verso.auth.SigningKeys;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.TimeUnit;

/**
 * auth-service configuration for tests: cheap argon2 parameters, known keys, a chosen login window,
 * and sign-up limits out of the way (every test user signs up from 127.0.0.1; the limits have their
 * own tests).
 */
public final class AuthTestConfig {
  private AuthTestConfig() {}

  public static JsonObject config(SigningKeys keys, long loginWindowMs) {
    return new JsonObject()
        .put("auth.jwt.privateKeyPem", keys.privateKeyPem())
        .put("auth.jwt.publicKeyPem", keys.publicKeyPem())
        .put("auth.argon2.memoryKiB", 256)
        .put("auth.argon2.iterations", 1)
        .put("auth.login.windowMs", loginWindowMs)
        .put("auth.signup.maxPerAddress", 100_000)
        .put("auth.signup.maxGlobal", 100_000);
  }

  /** Waits (on a test thread, never an event loop) for a future. */
  public static <T> T await(Future<T> future) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException e) {
      throw e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
