package io.verso.auth;

import static io.verso.auth.testing.AuthTestConfig.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.verso.auth.testing.AuthTestConfig;
import io.verso.auth.testing.TokenForge;
import io.verso.protocol.Addresses;
import io.verso.protocol.ErrorCode;
import io.verso.runtime.Failures;
import io.verso.protocol.auth.SessionGrant;
import io.verso.storage.StorageVerticle;
import io.verso.storage.testing.TestPostgres;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two tabs refreshing with the same token at once: within {@code auth.refresh.graceMs} of its
 * rotation the token just rotated gets the same successor again (the successor is derived from the
 * token with a server-side key, so no node needs to keep it); outside the window, or for an older
 * token, it is reuse and the family dies.
 */
class RefreshGraceTest {
  private static final long GRACE_MS = 1500;
  private static Vertx vertx;
  private static final List<JsonObject> revocations = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void deploy() {
    vertx = Vertx.vertx();
    await(vertx.deployVerticle(new StorageVerticle(), new DeploymentOptions().setConfig(TestPostgres.freshConfig())));
    await(vertx.deployVerticle(new AuthVerticle(), new DeploymentOptions().setConfig(
        AuthTestConfig.config(SigningKeys.generate(), 60_000).put("auth.refresh.graceMs", GRACE_MS))));
    await(vertx.eventBus().<JsonObject>consumer(Addresses.AUTH_SESSION_REVOKED, m -> revocations.add(m.body())).completion());
  }

  @AfterAll
  static void close() {
    await(vertx.close());
  }

  private static Future<SessionGrant> refresh(String token) {
    return vertx.eventBus().<JsonObject>request(Addresses.AUTH_REFRESH, new JsonObject().put("refreshToken", token))
        .map(Message::body).map(SessionGrant::fromJson);
  }

  private static ErrorCode refused(String token) {
    try {
      await(refresh(token));
    } catch (RuntimeException e) {
      return Failures.codeOf(e);
    }
    throw new AssertionError("the refresh should have been refused");
  }

  private static SessionGrant register(String username) {
    return SessionGrant.fromJson(await(vertx.eventBus().<JsonObject>request(Addresses.AUTH_REGISTER, new JsonObject()
        .put("username", username).put("password", "password-" + username).put("displayName", username))
        .map(Message::body)));
  }

  @Test
  void theSameTokenTwiceWithinTheWindowGetsTheSameSuccessor() {
    SessionGrant g = register("two.tabs");
    String sid = TokenForge.claims(g.accessToken()).getString("sid");
    SessionGrant a = await(refresh(g.refreshToken()));
    SessionGrant b = await(refresh(g.refreshToken()));
    assertThat(b.refreshToken()).isEqualTo(a.refreshToken()).isNotEqualTo(g.refreshToken());
    assertThat(TokenForge.claims(b.accessToken()).getString("sid")).isEqualTo(sid);
    assertThat(b.user()).isEqualTo(g.user());

    // the family goes on; the first token is now older than the newest one's predecessor: reuse
    SessionGrant c = await(refresh(a.refreshToken()));
    assertThat(refused(g.refreshToken())).isEqualTo(ErrorCode.UNAUTHENTICATED);
    assertThat(refused(c.refreshToken())).as("the whole family is revoked").isEqualTo(ErrorCode.UNAUTHENTICATED);
    awaitRevocation(g.user().id(), sid);
  }

  @Test
  void concurrentRefreshesOfOneTokenAllSucceedAlike() {
    String token = register("many.tabs").refreshToken();
    for (int round = 0; round < 10; round++) {
      List<Future<SessionGrant>> tabs = List.of(refresh(token), refresh(token), refresh(token));
      await(Future.all(tabs));
      String next = tabs.get(0).result().refreshToken();
      assertThat(tabs).as("round %d", round).allMatch(f -> f.result().refreshToken().equals(next));
      token = next;
    }
  }

  @Test
  void afterTheWindowTheSameTokenIsReuseAndRevokesTheFamily() throws InterruptedException {
    SessionGrant g = register("late.tab");
    SessionGrant a = await(refresh(g.refreshToken()));
    Thread.sleep(GRACE_MS + 1000);
    assertThat(refused(g.refreshToken())).isEqualTo(ErrorCode.UNAUTHENTICATED);
    assertThat(refused(a.refreshToken())).isEqualTo(ErrorCode.UNAUTHENTICATED);
    awaitRevocation(g.user().id(), TokenForge.claims(g.accessToken()).getString("sid"));
  }

  private static void awaitRevocation(String userId, String sid) {
    JsonObject expected = new JsonObject().put("userId", userId).put("sessionId", sid);
    long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
    while (!revocations.contains(expected) && System.nanoTime() < deadline) {
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    assertThat(revocations).contains(expected);
  }
}
