package io.verso.web.auth;

import static io.verso.auth.testing.AuthTestConfig.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.verso.auth.AuthVerticle;
import io.verso.auth.SigningKeys;
import io.verso.auth.testing.AuthTestConfig;
import io.verso.auth.testing.TokenForge;
import io.verso.protocol.Addresses;
import io.verso.protocol.ErrorCode;
import io.verso.protocol.auth.PublicKeyInfo;
import io.verso.protocol.auth.SessionGrant;
import io.verso.storage.StorageVerticle;
import io.verso.storage.testing.TestPostgres;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 25: the rotation procedure of docs/auth.md, on the real auth-service restarted with each
 * step's key files. A's tokens verify; B is published as next, then becomes current with A kept as
 * previous: new tokens carry B's kid and verify, A's still verify until they expire; once A is
 * removed, an A token is refused (401) as soon as the verifier's key set has aged out.
 */
class KeyRotationTest {
  private static final long MAX_AGE_MS = 400;
  private static final long RELOAD_MS = 50;
  private final Vertx vertx = Vertx.vertx();
  private final RevokedSessions none = new RevokedSessions(60_000, System::currentTimeMillis);
  @TempDir
  Path dir;
  private String auth;

  @AfterEach
  void close() {
    await(vertx.close());
  }

  @Test
  void rotateThenOldTokensLiveUntilExpiryAndDieWithTheirKey() throws Exception {
    SigningKeys a = SigningKeys.generate();
    SigningKeys b = SigningKeys.generate();
    String fileA = write("a.pem", a);
    String fileB = write("b.pem", b);
    await(vertx.deployVerticle(new StorageVerticle(), new DeploymentOptions().setConfig(TestPostgres.freshConfig())));
    AccessTokenVerifier verifier = new AccessTokenVerifier(vertx, none, 30, MAX_AGE_MS, RELOAD_MS);

    restartAuth(fileA, null, null);
    SessionGrant first = register();
    String tokenA = first.accessToken();
    assertThat(TokenForge.header(tokenA).getString("kid")).isEqualTo(a.kid());
    assertThat(TokenLeewayTest.outcome(verifier.verify(tokenA))).isNull();
    String earlyB = TokenForge.signed(vertx, b, first.user().id(), "s-early");
    assertThat(TokenLeewayTest.outcome(verifier.verify(earlyB))).as("B before it is published").isEqualTo(ErrorCode.UNAUTHENTICATED);

    // step 1: B is published as next, every verifier learns it before anything is signed with it
    restartAuth(fileA, fileB, null);
    Thread.sleep(RELOAD_MS);
    assertThat(TokenLeewayTest.outcome(verifier.verify(earlyB))).as("B once published as next").isNull();
    assertThat(TokenForge.header(login()).getString("kid")).as("A still signs").isEqualTo(a.kid());

    // step 2: B becomes current, A stays for verification only
    restartAuth(fileB, null, fileA);
    Thread.sleep(RELOAD_MS);
    String tokenB = login();
    assertThat(TokenForge.header(tokenB).getString("kid")).isEqualTo(b.kid());
    assertThat(TokenLeewayTest.outcome(verifier.verify(tokenB))).isNull();
    assertThat(TokenLeewayTest.outcome(verifier.verify(tokenA))).as("A's tokens until they expire").isNull();
    assertThat(TokenLeewayTest.outcome(verifier.verify(TokenForge.expired(vertx, a, first.user().id(), first.user().id()))))
        .as("an expired A token").isEqualTo(ErrorCode.UNAUTHENTICATED);

    // step 3: A removed
    restartAuth(fileB, null, null);
    Thread.sleep(MAX_AGE_MS + 100);
    assertThat(TokenLeewayTest.outcome(verifier.verify(tokenA))).as("A after its removal").isEqualTo(ErrorCode.UNAUTHENTICATED);
    assertThat(ErrorCode.UNAUTHENTICATED.httpStatus()).isEqualTo(401);
    assertThat(TokenLeewayTest.outcome(verifier.verify(tokenB))).isNull();
    assertThat(TokenLeewayTest.outcome(verifier.verify(login()))).isNull();
  }

  @Test
  void unknownKidsReloadTheKeySetAtMostOncePerInterval() {
    SigningKeys a = SigningKeys.generate();
    AtomicInteger asked = new AtomicInteger();
    PublicKeyInfo keys = new PublicKeyInfo("ES256", "verso", a.kid(), List.of(new PublicKeyInfo.Key(a.kid(), a.publicKeyPem())));
    await(vertx.eventBus().<JsonObject>consumer(Addresses.AUTH_PUBLIC_KEY, m -> {
      asked.incrementAndGet();
      m.reply(keys.toJson());
    }).completion());
    AccessTokenVerifier verifier = new AccessTokenVerifier(vertx, none, 30, 60_000, 60_000);

    assertThat(TokenLeewayTest.outcome(verifier.verify(TokenForge.signed(vertx, a, "u1", "s1")))).isNull();
    for (int i = 0; i < 20; i++) {
      assertThat(TokenLeewayTest.outcome(verifier.verify(TokenForge.signed(vertx, SigningKeys.generate(), "u1", "s1"))))
          .isEqualTo(ErrorCode.UNAUTHENTICATED);
    }
    assertThat(TokenLeewayTest.outcome(verifier.verify(TokenForge.signed(vertx, a, "u1", "s1")))).isNull();
    assertThat(asked.get()).as("one load, no reload within the interval").isEqualTo(1);
  }

  private String write(String name, SigningKeys keys) throws Exception {
    Path file = dir.resolve(name);
    Files.writeString(file, keys.privateKeyPem());
    return file.toString();
  }

  /** Restarts the auth-service with these key files (a rolling restart of one node). */
  private void restartAuth(String current, String next, String previous) {
    if (auth != null) {
      await(vertx.undeploy(auth));
    }
    JsonObject config = AuthTestConfig.config(SigningKeys.generate(), 60_000);
    config.remove("auth.jwt.privateKeyPem");
    config.remove("auth.jwt.publicKeyPem");
    config.put("verso.data.dir", dir.toString()).put("auth.jwt.keyFile", current);
    if (next != null) {
      config.put("auth.jwt.nextKeyFile", next);
    }
    if (previous != null) {
      config.put("auth.jwt.previousKeyFile", previous);
    }
    auth = await(vertx.deployVerticle(new AuthVerticle(), new DeploymentOptions().setConfig(config)));
  }

  private SessionGrant register() {
    return SessionGrant.fromJson(await(vertx.eventBus().<JsonObject>request(Addresses.AUTH_REGISTER, new JsonObject()
        .put("username", "rotor").put("password", "a long password").put("displayName", "Rotor"))).body());
  }

  private String login() {
    return SessionGrant.fromJson(await(vertx.eventBus().<JsonObject>request(Addresses.AUTH_LOGIN, new JsonObject()
        .put("username", "rotor").put("password", "a long password"))).body()).accessToken();
  }

}
