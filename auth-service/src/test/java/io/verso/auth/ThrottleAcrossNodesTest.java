package io.verso.auth;

import static io.verso.auth.testing.AuthTestConfig.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.verso.auth.testing.AuthTestConfig;
import io.verso.presence.testing.TestRedis;
import io.verso.protocol.Addresses;
import io.verso.protocol.ErrorCode;
import io.verso.runtime.FreePorts;
import io.verso.storage.StorageVerticle;
import io.verso.storage.testing.TestPostgres;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two auth-service nodes behind one load balancer share one Redis: failed logins and sign-ups spread
 * over both are refused after the same total as on one node (counted per node, an attacker would get
 * twice the attempts). Each node is its own Vert.x with its own storage-service on one database.
 */
class ThrottleAcrossNodesTest {
  private static final int PER_ACCOUNT = 4;
  private static final int PER_ADDRESS = 6;
  private static final int SIGNUPS_PER_ADDRESS = 2;
  private static final SigningKeys KEYS = SigningKeys.generate();
  private static JsonObject storage;
  private static JsonObject auth;
  private static Vertx nodeA;
  private static Vertx nodeB;

  @BeforeAll
  static void twoNodes() {
    storage = TestPostgres.freshConfig();
    auth = AuthTestConfig.config(KEYS, 60_000)
        .put("redis.uri", TestRedis.uri())
        .put("auth.login.maxFailuresPerAccount", PER_ACCOUNT)
        .put("auth.login.maxFailuresPerAddress", PER_ADDRESS)
        .put("auth.signup.maxPerAddress", SIGNUPS_PER_ADDRESS);
    nodeA = node(storage, auth);
    nodeB = node(storage, auth);
  }

  private static Vertx node(JsonObject storage, JsonObject auth) {
    Vertx vertx = Vertx.vertx();
    await(vertx.deployVerticle(new StorageVerticle(), new DeploymentOptions().setConfig(storage.copy())));
    await(vertx.deployVerticle(new AuthVerticle(), new DeploymentOptions().setConfig(auth.copy())));
    return vertx;
  }

  @AfterAll
  static void close() {
    await(nodeA.close());
    await(nodeB.close());
  }

  /** An address no other test (or earlier run against this Redis) counts under. */
  private static String address() {
    ThreadLocalRandom r = ThreadLocalRandom.current();
    return "10." + r.nextInt(256) + "." + r.nextInt(256) + "." + r.nextInt(1, 255);
  }

  private static String username(String prefix) {
    return prefix + "." + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36);
  }

  /** The failure code of a request on one node, or null when it succeeded. */
  private static ErrorCode outcome(Vertx node, String address, JsonObject body) {
    try {
      await(node.eventBus().request(address, body));
      return null;
    } catch (ReplyException e) {
      return ErrorCode.of(e.failureCode());
    }
  }

  private static ErrorCode login(Vertx node, String username, String password, String clientAddress) {
    return outcome(node, Addresses.AUTH_LOGIN, new JsonObject().put("username", username).put("password", password)
        .put("clientAddress", clientAddress));
  }

  private static ErrorCode register(Vertx node, String username, String clientAddress) {
    return outcome(node, Addresses.AUTH_REGISTER, new JsonObject().put("username", username)
        .put("password", "password-" + username).put("displayName", username).put("clientAddress", clientAddress));
  }

  @Test
  void badLoginsSpreadOverTwoNodesLockTheAccountAfterTheOneNodeTotal() {
    String user = username("split");
    assertThat(register(nodeA, user, address())).isNull();
    List<Vertx> nodes = List.of(nodeA, nodeB);
    for (int i = 0; i < PER_ACCOUNT; i++) {
      assertThat(login(nodes.get(i % 2), user, "wrong-password", address())).as("guess " + i)
          .isEqualTo(ErrorCode.UNAUTHENTICATED);
    }
    // each node saw only half of the guesses: counted per node, the right password would pass here
    assertThat(login(nodeA, user, "password-" + user, address())).isEqualTo(ErrorCode.RATE_LIMITED);
    assertThat(login(nodeB, user, "password-" + user, address())).isEqualTo(ErrorCode.RATE_LIMITED);
  }

  @Test
  void oneAddressGuessingManyAccountsOnTwoNodesIsRefusedAfterTheOneNodeTotal() {
    String attacker = address();
    for (int i = 0; i < PER_ADDRESS; i++) {
      assertThat(login(i % 2 == 0 ? nodeA : nodeB, username("nobody"), "wrong-password", attacker))
          .as("guess " + i).isEqualTo(ErrorCode.UNAUTHENTICATED);
    }
    assertThat(login(nodeA, username("nobody"), "wrong-password", attacker)).isEqualTo(ErrorCode.RATE_LIMITED);
    assertThat(login(nodeB, username("nobody"), "wrong-password", attacker)).isEqualTo(ErrorCode.RATE_LIMITED);
    assertThat(login(nodeB, username("nobody"), "wrong-password", address())).as("another address")
        .isEqualTo(ErrorCode.UNAUTHENTICATED);
  }

  @Test
  void signUpsFromOneAddressOnTwoNodesAreLimitedAsOnOne() {
    String script = address();
    assertThat(register(nodeA, username("made"), script)).isNull();
    assertThat(register(nodeB, username("made"), script)).isNull();
    assertThat(register(nodeA, username("made"), script)).isEqualTo(ErrorCode.RATE_LIMITED);
    assertThat(register(nodeB, username("made"), script)).isEqualTo(ErrorCode.RATE_LIMITED);
  }

  @Test
  void aNodeWhoseRedisIsUnreachableStillLetsUsersInAndStillThrottles() {
    Vertx alone = node(storage, auth.copy().put("redis.uri", "redis://127.0.0.1:" + FreePorts.pick()));
    try {
      String user = username("alone");
      assertThat(register(alone, user, address())).isNull();
      assertThat(login(alone, user, "password-" + user, address())).as("not blocked").isNull();
      for (int i = 0; i < PER_ACCOUNT; i++) {
        assertThat(login(alone, user, "wrong-password", address())).as("guess " + i).isEqualTo(ErrorCode.UNAUTHENTICATED);
      }
      assertThat(login(alone, user, "password-" + user, address())).as("not unlimited").isEqualTo(ErrorCode.RATE_LIMITED);
    } finally {
      await(alone.close());
    }
  }
}
