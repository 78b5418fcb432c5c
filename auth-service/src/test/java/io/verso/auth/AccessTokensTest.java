package io.verso.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.verso.auth.testing.TokenForge;
import io.verso.protocol.storage.UserRecord;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.authentication.TokenCredentials;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import io.vertx.ext.auth.JWTOptions;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Tokens verify with the public key alone, and every forgery is refused by a verifier built like the web tier's. */
class AccessTokensTest {
  private final Vertx vertx = Vertx.vertx();
  private final SigningKeys keys = SigningKeys.generate();
  private final AccessTokens tokens = new AccessTokens(vertx, keys, 900);
  private final JWTAuth verifier = JWTAuth.create(vertx, new JWTAuthOptions()
      .addPubSecKey(new PubSecKeyOptions().setAlgorithm("ES256").setBuffer(keys.publicKeyPem()))
      .setJWTOptions(new JWTOptions().setIssuer(AuthConfig.ISSUER)));

  @AfterEach
  void close() {
    vertx.close();
  }

  private boolean accepted(String token) throws Exception {
    return verifier.authenticate(new TokenCredentials(token)).toCompletionStage().toCompletableFuture()
        .handle((u, t) -> t == null).get(5, TimeUnit.SECONDS);
  }

  @Test
  void claimsAndLifetime() throws Exception {
    String token = tokens.issue(new UserRecord("u1", "alice", "Alice", null), "fam1");
    JsonObject claims = TokenForge.claims(token);
    assertThat(claims.getString("sub")).isEqualTo("u1");
    assertThat(claims.getString("username")).isEqualTo("alice");
    assertThat(claims.getString("name")).isEqualTo("Alice");
    assertThat(claims.getString("sid")).isEqualTo("fam1");
    assertThat(claims.getString("iss")).isEqualTo("verso");
    assertThat(claims.getLong("exp") - claims.getLong("iat")).isEqualTo(900);
    assertThat(TokenForge.header(token).getString("alg")).isEqualTo("ES256");
    assertThat(accepted(token)).isTrue();
  }

  @Test
  void forgeriesAreRejected() throws Exception {
    String token = tokens.issue(new UserRecord("u1", "alice", "Alice", null), "fam1");
    assertThat(accepted(TokenForge.tamperSubject(token, "u2"))).isFalse();
    assertThat(accepted(TokenForge.algNone(TokenForge.claims(token)))).isFalse();
    assertThat(accepted(TokenForge.expired(vertx, keys, "u1", "fam1"))).isFalse();
    assertThat(accepted(TokenForge.signed(vertx, SigningKeys.generate(), "u1", "fam1"))).isFalse();
  }
}
