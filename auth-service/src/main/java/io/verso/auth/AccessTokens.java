package io.verso.auth;

import io.verso.protocol.auth.PublicKeyInfo;
import io.verso.protocol.storage.UserRecord;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;

/**
 * Signs access tokens: ES256 JWTs with {@code sub} (user id), {@code username}, {@code name}
 * (display name), {@code sid} (refresh family id), {@code iss}, {@code iat} and {@code exp}.
 */
public final class AccessTokens {
  private final JWTAuth jwt;
  private final SigningKeys keys;
  private final int ttlSeconds;

  public AccessTokens(Vertx vertx, SigningKeys keys, int ttlSeconds) {
    this.keys = keys;
    this.ttlSeconds = ttlSeconds;
    this.jwt = JWTAuth.create(vertx, new JWTAuthOptions()
        .addPubSecKey(new PubSecKeyOptions().setAlgorithm(AuthConfig.ALGORITHM).setBuffer(keys.privateKeyPem()))
        .addPubSecKey(new PubSecKeyOptions().setAlgorithm(AuthConfig.ALGORITHM).setBuffer(keys.publicKeyPem())));
  }

  public String issue(UserRecord user, String sessionId) {
    JsonObject claims = new JsonObject()
        .put("sub", user.id())
        .put("username", user.username())
        .put("name", user.displayName())
        .put("sid", sessionId);
    return jwt.generateToken(claims, new JWTOptions()
        .setAlgorithm(AuthConfig.ALGORITHM)
        .setIssuer(AuthConfig.ISSUER)
        .setExpiresInSeconds(ttlSeconds));
  }

  public int ttlSeconds() {
    return ttlSeconds;
  }

  public PublicKeyInfo publicKey() {
    return new PublicKeyInfo(AuthConfig.ALGORITHM, keys.publicKeyPem(), AuthConfig.ISSUER);
  }
}
