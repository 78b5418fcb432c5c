package io.verso.auth;

import static io.verso.auth.testing.AuthTestConfig.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.verso.auth.testing.AuthTestConfig;
import io.verso.protocol.Addresses;
import io.verso.protocol.ErrorCode;
import io.verso.runtime.Failures;
import io.verso.protocol.RetryAfter;
import io.verso.protocol.auth.SessionGrant;
import io.verso.storage.StorageVerticle;
import io.verso.storage.testing.TestPostgres;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Sign-up as a stranger's script would use it: closed sign-up refuses before any work, sign-ups are
 * limited per address and in all, and a burst of sign-ups (each an argon2 hash) is cut off at a
 * bounded queue with 503 instead of queueing — while logins go on being answered.
 */
class SignupFloodTest {
  private static Vertx vertx;
  private static final SigningKeys KEYS = SigningKeys.generate();
  private String auth;

  @BeforeAll
  static void storage() {
    vertx = Vertx.vertx();
    await(vertx.deployVerticle(new StorageVerticle(), new DeploymentOptions().setConfig(TestPostgres.freshConfig())));
  }

  @AfterAll
  static void close() {
    await(vertx.close());
  }

  @AfterEach
  void undeployAuth() {
    if (auth != null) {
      await(vertx.undeploy(auth));
      auth = null;
    }
  }

  private void deployAuth(JsonObject overrides) {
    auth = await(vertx.deployVerticle(new AuthVerticle(), new DeploymentOptions().setConfig(
        AuthTestConfig.config(KEYS, 60_000).mergeIn(overrides))));
  }

  private static Future<JsonObject> register(String username, String address) {
    JsonObject body = new JsonObject().put("username", username).put("password", "password-" + username)
        .put("displayName", username);
    if (address != null) {
      body.put("clientAddress", address);
    }
    return vertx.eventBus().<JsonObject>request(Addresses.AUTH_REGISTER, body).map(Message::body);
  }

  private static Future<JsonObject> login(String username) {
    return vertx.eventBus().<JsonObject>request(Addresses.AUTH_LOGIN, new JsonObject().put("username", username)
        .put("password", "password-" + username).put("clientAddress", "192.0.2.200")).map(Message::body);
  }

  private static Throwable failure(Future<?> f) {
    try {
      await(f);
    } catch (RuntimeException e) {
      return e;
    }
    throw new AssertionError("expected a failure");
  }

  @Test
  void closedSignUpIsRefusedBeforeAnythingElse() {
    deployAuth(new JsonObject());
    await(register("early.bird", "192.0.2.1"));
    undeployAuth();

    deployAuth(new JsonObject().put("auth.signup.mode", "closed"));
    Throwable refused = failure(register("late.comer", "192.0.2.1"));
    assertThat(Failures.codeOf(refused)).isEqualTo(ErrorCode.FORBIDDEN);
    assertThat(refused.getMessage()).isEqualTo("sign-up is closed");
    assertThat(Failures.codeOf(failure(vertx.eventBus().request(Addresses.AUTH_REGISTER, new JsonObject()
        .put("username", "x").put("password", "short").put("displayName", "x"))))).isEqualTo(ErrorCode.FORBIDDEN);
    assertThat(Failures.codeOf(failure(vertx.eventBus().request(Addresses.STORAGE_USER_GET,
        new JsonObject().put("username", "late.comer"))))).as("no account made").isEqualTo(ErrorCode.NOT_FOUND);
    assertThat(SessionGrant.fromJson(await(login("early.bird"))).user().username()).isEqualTo("early.bird");
    undeployAuth();

    deployAuth(new JsonObject().put("auth", new JsonObject().put("signup", "closed")));
    assertThat(Failures.codeOf(failure(register("later.still", null)))).as("{\"auth\":{\"signup\":\"closed\"}}")
        .isEqualTo(ErrorCode.FORBIDDEN);
  }

  @Test
  void signUpsAreLimitedPerAddressAndInAll() {
    deployAuth(new JsonObject().put("auth.signup.maxPerAddress", 2).put("auth.signup.addressWindowMs", 60_000)
        .put("auth.signup.maxGlobal", 4).put("auth.signup.globalWindowMs", 30_000));
    await(register("lim.a1", "198.51.100.1"));
    await(register("lim.a2", "198.51.100.1"));
    Throwable perAddress = failure(register("lim.a3", "198.51.100.1"));
    assertThat(Failures.codeOf(perAddress)).isEqualTo(ErrorCode.RATE_LIMITED);
    assertThat(RetryAfter.seconds(perAddress.getMessage())).isBetween(1L, 60L);
    // a malformed sign-up costs nothing and is not counted
    assertThat(Failures.codeOf(failure(register("x", "198.51.100.2")))).isEqualTo(ErrorCode.BAD_REQUEST);
    await(register("lim.b1", "198.51.100.2"));
    await(register("lim.b2", "198.51.100.2"));
    Throwable global = failure(register("lim.c1", "198.51.100.3"));
    assertThat(Failures.codeOf(global)).isEqualTo(ErrorCode.RATE_LIMITED);
    assertThat(RetryAfter.seconds(global.getMessage())).isBetween(1L, 30L);
    assertThat(Failures.codeOf(failure(vertx.eventBus().request(Addresses.STORAGE_USER_GET,
        new JsonObject().put("username", "lim.c1"))))).isEqualTo(ErrorCode.NOT_FOUND);
  }

  @Test
  void aSignUpBurstIsCutOffWhileLoginsGoOn() {
    // real argon2 cost (about 100 ms a hash here), the default pools and queues, no per-address limit in the way
    deployAuth(new JsonObject().put("auth.argon2.memoryKiB", 19456).put("auth.argon2.iterations", 2)
        .put("auth.signup.maxPerAddress", 1000).put("auth.signup.maxGlobal", 1000));
    await(register("steady.user", "203.0.113.1"));

    AtomicLong order = new AtomicLong();
    List<Future<JsonObject>> burst = new ArrayList<>();
    List<Long> answered = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      burst.add(register("burst." + i, "203.0.113." + (10 + i)));
      answered.add(null);
    }
    for (int i = 0; i < burst.size(); i++) {
      int n = i;
      burst.get(i).onComplete(ar -> answered.set(n, order.incrementAndGet()));
    }
    Future<JsonObject> steady = login("steady.user");
    long[] loginAnswered = new long[1];
    steady.onComplete(ar -> loginAnswered[0] = order.incrementAndGet());
    await(Future.join(new ArrayList<Future<?>>(burst)).otherwiseEmpty());

    assertThat(SessionGrant.fromJson(await(steady)).user().username()).as("the login during the burst").isEqualTo("steady.user");
    int created = 0;
    int refused = 0;
    int createdAfterTheLogin = 0;
    for (int i = 0; i < burst.size(); i++) {
      Future<JsonObject> f = burst.get(i);
      if (f.succeeded()) {
        created++;
        if (answered.get(i) > loginAnswered[0]) {
          createdAfterTheLogin++;
        }
      } else {
        assertThat(Failures.codeOf(f.cause())).as(f.cause().getMessage()).isEqualTo(ErrorCode.UNAVAILABLE);
        assertThat(RetryAfter.seconds(f.cause().getMessage())).isPositive();
        refused++;
      }
    }
    assertThat(created).as("some sign-ups are served").isPositive();
    assertThat(refused).as("the rest is refused at the bounded queue, not queued").isGreaterThanOrEqualTo(30);
    assertThat(createdAfterTheLogin).as("the login did not wait behind the sign-ups queued before it").isPositive();
  }
}
