package io.verso.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.verso.auth.AuthVerticle;
import io.verso.auth.SigningKeys;
import io.verso.protocol.Addresses;
import io.verso.protocol.ErrorCode;
import io.verso.runtime.Failures;
import io.verso.protocol.auth.SessionGrant;
import io.verso.storage.StorageVerticle;
import io.verso.storage.testing.TestPostgres;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The operator's way to make accounts when sign-up is closed: {@code add-user} creates the user
 * through storage-service on the nodes' database, and the user then logs in at a node whose
 * sign-up is closed.
 */
class AddUserTest {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int addUser(String stdin, String... args) {
    out.reset();
    err.reset();
    return AddUser.run(args, Map.of(), new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private static <T> T await(io.vertx.core.Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
  }

  @Test
  void anOperatorMakesAnAccountThatLogsInWhereSignUpIsClosed() throws Exception {
    String pg = TestPostgres.freshDatabase();
    assertEquals(0, addUser("a long password with spaces \n", "--username", "Ops.Admin", "--display-name", "Ops Admin",
        "--pg-url", pg), err.toString());
    assertTrue(out.toString().contains("created user ops.admin (Ops Admin)"), out.toString());
    assertEquals(1, addUser("another long password\n", "--username=ops.admin", "--pg-url=" + pg));
    assertTrue(err.toString().contains("the username ops.admin is taken"), err.toString());

    Vertx vertx = Vertx.vertx();
    try {
      SigningKeys keys = SigningKeys.generate();
      await(vertx.deployVerticle(new StorageVerticle(), new DeploymentOptions().setConfig(new JsonObject().put("pg.uri", pg))));
      await(vertx.deployVerticle(new AuthVerticle(), new DeploymentOptions().setConfig(new JsonObject()
          .put("auth.jwt.privateKeyPem", keys.privateKeyPem()).put("auth.jwt.publicKeyPem", keys.publicKeyPem())
          .put("auth.signup.mode", "closed"))));
      SessionGrant grant = SessionGrant.fromJson(await(vertx.eventBus().<JsonObject>request(Addresses.AUTH_LOGIN,
          new JsonObject().put("username", "ops.admin").put("password", "a long password with spaces ")).map(Message::body)));
      assertEquals("Ops Admin", grant.user().displayName());
      try {
        await(vertx.eventBus().request(Addresses.AUTH_REGISTER, new JsonObject().put("username", "walk.in")
            .put("password", "a long password").put("displayName", "Walk In")));
        throw new AssertionError("sign-up should be closed");
      } catch (java.util.concurrent.ExecutionException e) {
        assertEquals(ErrorCode.FORBIDDEN, Failures.codeOf(e.getCause()));
      }
    } finally {
      await(vertx.close());
    }
  }

  @Test
  void badArgumentsAndPasswordsChangeNothing() {
    assertEquals(2, addUser("a long password\n", "--display-name", "No Name", "--pg-url", "postgresql://x/y"));
    assertTrue(err.toString().contains("--username is required"));
    assertEquals(2, addUser("a long password\n", "--username", "no", "--pg-url", "postgresql://x/y"));
    assertEquals(2, addUser("short\n", "--username", "shorty", "--pg-url", "postgresql://x/y"));
    assertTrue(err.toString().contains("password must be 8..256 characters"), err.toString());
    assertEquals(2, addUser("", "--username", "silent", "--pg-url", "postgresql://x/y"));
    assertTrue(err.toString().contains("no password"), err.toString());
    assertEquals(2, addUser("a long password\n", "--username", "odd", "--pg-url", "postgresql://x/y", "--bogus"));
  }
}
