package io.verso.auth.testing;

import io.verso.auth.AuthConfig;
import io.verso.auth.SigningKeys;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Builds the hostile access tokens the acceptance tests throw at verifiers (each with its key's kid, as ours carry). */
public final class TokenForge {
  private static final Base64.Encoder ENC = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder DEC = Base64.getUrlDecoder();

  private TokenForge() {}

  public static JsonObject header(String jwt) {
    return new JsonObject(new String(DEC.decode(jwt.split("\\.")[0]), StandardCharsets.UTF_8));
  }

  public static JsonObject claims(String jwt) {
    return new JsonObject(new String(DEC.decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8));
  }

  /** The same token with another subject in its payload and the original signature. */
  public static String tamperSubject(String jwt, String sub) {
    String[] parts = jwt.split("\\.");
    JsonObject claims = claims(jwt).put("sub", sub);
    return parts[0] + "." + enc(claims) + "." + parts[2];
  }

  /** An unsigned token ({@code alg: none}) with these claims. */
  public static String algNone(JsonObject claims) {
    return enc(new JsonObject().put("alg", "none").put("typ", "JWT")) + "." + enc(claims) + ".";
  }

  /** A token with valid claims but expired a minute ago, signed with {@code keys}. */
  public static String expired(Vertx vertx, SigningKeys keys, String sub, String sid) {
    long now = System.currentTimeMillis() / 1000;
    return signer(vertx, keys).generateToken(claims(sub, sid).put("iat", now - 960).put("exp", now - 60),
        new JWTOptions().setAlgorithm(AuthConfig.ALGORITHM).setIssuer(AuthConfig.ISSUER));
  }

  /** A token with valid claims that expired {@code secondsAgo} seconds ago (a node's clock running ahead), signed with {@code keys}. */
  public static String expiredSecondsAgo(Vertx vertx, SigningKeys keys, String sub, String sid, long secondsAgo) {
    long now = System.currentTimeMillis() / 1000;
    return signer(vertx, keys).generateToken(claims(sub, sid).put("iat", now - 900 - secondsAgo).put("exp", now - secondsAgo),
        new JWTOptions().setAlgorithm(AuthConfig.ALGORITHM).setIssuer(AuthConfig.ISSUER));
  }

  /** A fresh, well-formed token signed with {@code keys} (e.g. someone else's key pair). */
  public static String signed(Vertx vertx, SigningKeys keys, String sub, String sid) {
    return signer(vertx, keys).generateToken(claims(sub, sid),
        new JWTOptions().setAlgorithm(AuthConfig.ALGORITHM).setIssuer(AuthConfig.ISSUER).setExpiresInSeconds(600));
  }

  /** Algorithm confusion: HS256 "signed" with the verifier's public key PEM as the HMAC secret. */
  public static String hmacWithPublicKey(SigningKeys keys, JsonObject claims) {
    String signingInput = enc(new JsonObject().put("alg", "HS256").put("typ", "JWT")) + "." + enc(claims);
    try {
      javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
      mac.init(new javax.crypto.spec.SecretKeySpec(keys.publicKeyPem().getBytes(StandardCharsets.US_ASCII), "HmacSHA256"));
      return signingInput + "." + ENC.encodeToString(mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII)));
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A fresh token signed with {@code keys} whose claims are exactly {@code claims} (plus iat/exp). */
  public static String signedClaims(Vertx vertx, SigningKeys keys, JsonObject claims, String issuer) {
    JWTOptions options = new JWTOptions().setAlgorithm(AuthConfig.ALGORITHM).setExpiresInSeconds(600);
    if (issuer != null) {
      options.setIssuer(issuer);
    }
    return signer(vertx, keys).generateToken(claims, options);
  }

  private static JsonObject claims(String sub, String sid) {
    return new JsonObject().put("sub", sub).put("sid", sid).put("username", "forged").put("name", "Forged");
  }

  private static JWTAuth signer(Vertx vertx, SigningKeys keys) {
    return JWTAuth.create(vertx, new JWTAuthOptions()
        .addPubSecKey(new PubSecKeyOptions().setAlgorithm(AuthConfig.ALGORITHM).setId(keys.kid())
            .setBuffer(keys.privateKeyPem())));
  }

  private static String enc(JsonObject json) {
    return ENC.encodeToString(json.encode().getBytes(StandardCharsets.UTF_8));
  }
}
