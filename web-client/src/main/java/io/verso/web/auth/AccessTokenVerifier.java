package io.verso.web.auth;

import io.verso.protocol.Addresses;
import io.verso.protocol.ErrorCode;
import io.verso.protocol.auth.PublicKeyInfo;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.authentication.TokenCredentials;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;

/**
 * Verifies access tokens locally with the auth-service's public key (fetched once over the event
 * bus; no shared secret). Accepts only ES256 tokens of our issuer, signed by that key, unexpired,
 * with {@code sub}, {@code sid} and {@code exp}, whose session was not revoked.
 */
public final class AccessTokenVerifier {
  private static final int MAX_TOKEN_LENGTH = 4096;
  /** The only signature algorithm accepted: asymmetric, so no verifier ever holds a signing secret. */
  private static final String ALGORITHM = "ES256";

  private final Vertx vertx;
  private final RevokedSessions revoked;
  private Future<JWTAuth> provider;

  public AccessTokenVerifier(Vertx vertx, RevokedSessions revoked) {
    this.vertx = vertx;
    this.revoked = revoked;
  }

  public Future<Identity> verify(String token) {
    if (token == null || token.isEmpty() || token.length() > MAX_TOKEN_LENGTH) {
      return unauthenticated();
    }
    return provider()
        .compose(jwt -> jwt.authenticate(new TokenCredentials(token))
            .recover(t -> unauthenticated()))
        .compose(user -> {
          // vertx-auth-jwt keeps the decoded claims under the "accessToken" attribute
          JsonObject claims = user.attributes().getJsonObject("accessToken", new JsonObject());
          Object sub = claims.getValue("sub");
          Object sid = claims.getValue("sid");
          Object exp = claims.getValue("exp");
          if (!(sub instanceof String s) || !(sid instanceof String session) || !(exp instanceof Number e)
              || revoked.isRevoked(session)) {
            return unauthenticated();
          }
          return Future.succeededFuture(new Identity(s, claims.getValue("username") instanceof String u ? u : null,
              claims.getValue("name") instanceof String n ? n : null, session, e.longValue()));
        });
  }

  /** The verifying provider, built from the public key on first use (retried after a failure). */
  private synchronized Future<JWTAuth> provider() {
    if (provider == null) {
      provider = vertx.eventBus().<JsonObject>request(Addresses.AUTH_PUBLIC_KEY, new JsonObject())
          .map(Message::body)
          .map(body -> {
            PublicKeyInfo key = PublicKeyInfo.fromJson(body);
            if (!ALGORITHM.equals(key.algorithm())) {
              throw new IllegalStateException("access tokens must be " + ALGORITHM + ", auth-service offers " + key.algorithm());
            }
            return JWTAuth.create(vertx, new JWTAuthOptions()
                .addPubSecKey(new PubSecKeyOptions().setAlgorithm(key.algorithm()).setBuffer(key.publicKeyPem()))
                .setJWTOptions(new JWTOptions().setIssuer(key.issuer())));
          });
      provider.onFailure(t -> reset());
    }
    return provider;
  }

  private synchronized void reset() {
    provider = null;
  }

  private static <T> Future<T> unauthenticated() {
    return Future.failedFuture(ErrorCode.UNAUTHENTICATED.exception("not logged in or session expired"));
  }
}
