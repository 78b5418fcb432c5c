package io.verso.auth;

import static io.verso.auth.AuthBus.awaitEvent;
import static io.verso.auth.testing.AuthTestConfig.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.verso.auth.testing.TokenForge;
import io.verso.protocol.Addresses;
import io.verso.protocol.ErrorCode;
import io.verso.runtime.Failures;
import io.verso.protocol.auth.SessionGrant;
import io.vertx.core.Future;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two tabs refreshing with the same token at once: within {@code auth.refresh.graceMs} of its
 * rotation the token just rotated gets the same successor again (the successor is derived from the
 * token with a server-side key, so no node needs to keep it); outside the window, or for an older
 * token, it is reuse and the family dies.
 */
class RefreshGraceTest {
  private static final long GRACE_MS = 1500;

  @RegisterExtension
  static final AuthBus bus = new AuthBus(new JsonObject().put("auth.refresh.graceMs", GRACE_MS), false);

  private static Future<SessionGrant> refresh(String token) {
    return bus.vertx().eventBus().<JsonObject>request(Addresses.AUTH_REFRESH, new JsonObject().put("refreshToken", token))
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

  @Test
  void theSameTokenTwiceWithinTheWindowGetsTheSameSuccessor() {
    SessionGrant g = bus.register("two.tabs");
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
    String token = bus.register("many.tabs").refreshToken();
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
    SessionGrant g = bus.register("late.tab");
    SessionGrant a = await(refresh(g.refreshToken()));
    Thread.sleep(GRACE_MS + 1000);
    assertThat(refused(g.refreshToken())).isEqualTo(ErrorCode.UNAUTHENTICATED);
    assertThat(refused(a.refreshToken())).isEqualTo(ErrorCode.UNAUTHENTICATED);
    awaitRevocation(g.user().id(), TokenForge.claims(g.accessToken()).getString("sid"));
  }

  private static void awaitRevocation(String userId, String sid) {
    awaitEvent(bus.revocations, new JsonObject().put("userId", userId).put("sessionId", sid));
  }
}
