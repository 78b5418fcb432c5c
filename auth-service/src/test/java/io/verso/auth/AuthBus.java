package io.verso.auth;

import static io.verso.auth.testing.AuthTestConfig.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.verso.auth.testing.AuthTestConfig;
import io.verso.protocol.Addresses;
import io.verso.protocol.ErrorCode;
import io.verso.protocol.auth.SessionGrant;
import io.verso.storage.StorageVerticle;
import io.verso.storage.testing.TestPostgres;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * auth-service (and the documents service, when asked) on the real storage-service (embedded
 * PostgreSQL) in one Vert.x for a whole test class, as a static {@code @RegisterExtension} field:
 * requests over the event bus as a user, and the role changes, session revocations and trashings published.
 */
final class AuthBus implements BeforeAllCallback, AfterAllCallback {
  final List<JsonObject> roleChanges = new CopyOnWriteArrayList<>();
  final List<JsonObject> revocations = new CopyOnWriteArrayList<>();
  final List<JsonObject> trashed = new CopyOnWriteArrayList<>();
  private final JsonObject authOverrides;
  private final boolean documents;
  private Vertx vertx;

  /** @param authOverrides keys merged into the auth-service test config */
  AuthBus(JsonObject authOverrides, boolean documents) {
    this.authOverrides = authOverrides;
    this.documents = documents;
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    vertx = Vertx.vertx();
    await(vertx.deployVerticle(new StorageVerticle(), new DeploymentOptions().setConfig(TestPostgres.freshConfig())));
    await(vertx.deployVerticle(new AuthVerticle(), new DeploymentOptions().setConfig(
        AuthTestConfig.config(SigningKeys.generate(), 60_000).mergeIn(authOverrides))));
    if (documents) {
      await(vertx.deployVerticle(new DocumentsVerticle()));
    }
    await(vertx.eventBus().<JsonObject>consumer(Addresses.AUTH_ROLE_CHANGED, m -> roleChanges.add(m.body())).completion());
    await(vertx.eventBus().<JsonObject>consumer(Addresses.AUTH_SESSION_REVOKED, m -> revocations.add(m.body())).completion());
    await(vertx.eventBus().<JsonObject>consumer(Addresses.DOCS_TRASHED, m -> trashed.add(m.body())).completion());
  }

  @Override
  public void afterAll(ExtensionContext context) {
    await(vertx.close());
  }

  Vertx vertx() {
    return vertx;
  }

  JsonObject call(String address, JsonObject body) {
    return call(address, body, null);
  }

  /** A request as {@code actingUser} (its user-id header; none when null), answered with a JSON body. */
  JsonObject call(String address, JsonObject body, String actingUser) {
    DeliveryOptions opts = new DeliveryOptions();
    if (actingUser != null) {
      opts.addHeader(Addresses.HEADER_USER_ID, actingUser);
    }
    return await(vertx.eventBus().<JsonObject>request(address, body, opts).map(Message::body));
  }

  /** Signs up a user whose password is "password-" + username. */
  SessionGrant register(String username) {
    return SessionGrant.fromJson(call(Addresses.AUTH_REGISTER, new JsonObject()
        .put("username", username).put("password", "password-" + username).put("displayName", "User " + username)));
  }

  /** The code a request failed with; an AssertionError if it did not fail. */
  static ErrorCode failure(Runnable r) {
    try {
      r.run();
    } catch (ReplyException e) {
      return ErrorCode.of(e.failureCode());
    }
    throw new AssertionError("expected a failure");
  }

  /** Published events arrive asynchronously: wait (bounded) for the expected one. */
  static void awaitEvent(List<JsonObject> events, JsonObject expected) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!events.contains(expected) && System.nanoTime() < deadline) {
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    assertThat(events).contains(expected);
  }
}
