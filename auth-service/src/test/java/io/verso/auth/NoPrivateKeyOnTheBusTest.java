package io.verso.auth;

import static io.verso.auth.testing.AuthTestConfig.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.verso.auth.testing.AuthTestConfig;
import io.verso.protocol.Addresses;
import io.verso.runtime.Bus;
import io.verso.storage.StorageVerticle;
import io.verso.storage.testing.TestPostgres;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 25: no event-bus address of storage or auth hands out the signing key. Every {@code verso.*}
 * address named in {@link Addresses} is asked with an empty body and with the body the old key
 * exchange took; no answer, reply or failure, may hold a PEM private key, its base64 body, or a JWK
 * private parameter {@code d}.
 */
class NoPrivateKeyOnTheBusTest {
  @TempDir
  Path dir;

  @Test
  void noAddressAnswersWithPrivateKeyMaterial() throws Exception {
    SigningKeys keys = SigningKeys.generate();
    Path keyFile = dir.resolve("signing-key.pem");
    Files.writeString(keyFile, keys.privateKeyPem(), StandardCharsets.US_ASCII);
    JsonObject authConfig = AuthTestConfig.config(keys, 60_000);
    authConfig.remove("auth.jwt.privateKeyPem");
    authConfig.remove("auth.jwt.publicKeyPem");
    authConfig.put("auth.jwt.keyFile", keyFile.toString()).put("verso.data.dir", dir.toString());
    Vertx vertx = Vertx.vertx();
    try {
      await(vertx.deployVerticle(new StorageVerticle(), new DeploymentOptions().setConfig(TestPostgres.freshConfig())));
      await(vertx.deployVerticle(new AuthVerticle(), new DeploymentOptions().setConfig(authConfig)));
      await(vertx.deployVerticle(new DocumentsVerticle()));

      List<String> addresses = addresses();
      assertThat(addresses).contains(Addresses.AUTH_PUBLIC_KEY, Addresses.STORAGE_USER_GET);
      List<Map.Entry<String, Object>> answers = new CopyOnWriteArrayList<>();
      List<Future<?>> asked = new ArrayList<>();
      // what nodes sent to verso.storage.signingkey.adopt, which answered with the stored private key
      JsonObject oldOffer = new JsonObject().put("id", "access-token-es256").put("privatePem", "x").put("publicPem", "y");
      for (String address : addresses) {
        for (JsonObject body : List.of(new JsonObject(), oldOffer)) {
          asked.add(vertx.eventBus().request(address, body, new DeliveryOptions().setSendTimeout(3000))
              .<Object>map(reply -> reply.body())
              .otherwise(err -> "failed: " + err.getMessage())
              .onSuccess(answer -> answers.add(Map.entry(address, answer))));
        }
      }
      await(Future.join(asked));

      assertThat(answers).hasSize(2 * addresses.size());
      assertThat(answers.stream().filter(e -> e.getKey().equals(Addresses.AUTH_PUBLIC_KEY)).map(e -> e.getValue().toString()))
          .as("the public keys are served").allMatch(a -> a.contains(keys.kid()) && a.contains("PUBLIC KEY"));
      String privateBody = keys.privateKeyPem().split("\n")[1];
      for (Map.Entry<String, Object> e : answers) {
        String text = String.valueOf(e.getValue());
        assertThat(text).as(e.getKey()).doesNotContain("PRIVATE KEY").doesNotContain(privateBody);
        assertThat(hasPrivateJwkParameter(e.getValue())).as(e.getKey() + " has a JWK parameter d").isFalse();
      }
      Throwable gone = await(vertx.eventBus().request("verso.storage.signingkey.adopt", oldOffer)
          .transform(ar -> Future.succeededFuture(ar.cause())));
      assertThat(Bus.noHandlers(gone)).as("the key exchange address is gone").isTrue();
    } finally {
      await(vertx.close());
    }
  }

  /** Every public String constant of Addresses that names a verso.* address. */
  private static List<String> addresses() throws IllegalAccessException {
    List<String> out = new ArrayList<>();
    for (Field f : Addresses.class.getFields()) {
      if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class
          && f.get(null) instanceof String s && s.startsWith("verso.")) {
        out.add(s);
      }
    }
    return out;
  }

  private static boolean hasPrivateJwkParameter(Object json) {
    if (json instanceof JsonObject o) {
      return o.containsKey("d") || o.stream().anyMatch(e -> hasPrivateJwkParameter(e.getValue()));
    }
    if (json instanceof JsonArray a) {
      return a.stream().anyMatch(NoPrivateKeyOnTheBusTest::hasPrivateJwkParameter);
    }
    return false;
  }
}
