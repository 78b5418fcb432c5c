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
 * (display name), {@code sid} (refresh family id), {@code iss}, {@code iat} and {@code exp}, with
 * the signing key's {@code kid} in the header so verifiers pick the key (and notice a new one).
 */
public final class AccessTokens {
  private final JWTAuth jwt;
  private final KeyRing keys;
  private final int ttlSeconds;

  public AccessTokens(Vertx vertx, SigningKeys keys, int ttlSeconds) {
    this(vertx, KeyRing.of(keys), ttlSeconds);
  }

  public AccessTokens(Vertx vertx, KeyRing keys, int ttlSeconds) {
    this.keys = keys;
    this.ttlSeconds = ttlSeconds;
    // the current private key only: with several, vertx-auth-jwt would sign with a random one of them
    this.jwt = JWTAuth.create(vertx, new JWTAuthOptions().addPubSecKey(new PubSecKeyOptions()
        .setAlgorithm(AuthConfig.ALGORITHM).setId(keys.kid()).setBuffer(keys.current().privateKeyPem())));
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

  /** The public keys verifiers accept, current first (never a private key). */
  public PublicKeyInfo publicKeys() {
    return keys.publicKeys();
  }
}
