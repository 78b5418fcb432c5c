package io.verso.web.auth;

import io.verso.runtime.Bus;
import io.vertx.core.eventbus.DeliveryOptions;
import io.verso.protocol.Addresses;
import io.verso.protocol.ErrorCode;
import io.verso.protocol.auth.PublicKeyInfo;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.authentication.TokenCredentials;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;

/**
 * Verifies access tokens locally with the auth-service's public key (fetched once over the event
 * bus; no shared secret). Accepts only ES256 tokens of our issuer, signed by that key, unexpired,
 * with {@code sub}, {@code sid} and {@code exp}, whose session was not revoked. "Unexpired" allows a
 * small leeway for clock skew between the node that signed and this one (without it, a node whose
 * clock runs a few seconds behind the signer's logs people out early).
 */
public final class AccessTokenVerifier {
  private static final int MAX_TOKEN_LENGTH = 4096;
  /** The only signature algorithm accepted: asymmetric, so no verifier ever holds a signing secret. */
  private static final String ALGORITHM = "ES256";
  public static final int DEFAULT_LEEWAY_SECONDS = 30;
  /** Revoked sessions are remembered 16 min: 15 min of token lifetime plus at most this leeway. */
  public static final int MAX_LEEWAY_SECONDS = 60;

  private final Vertx vertx;
  private final RevokedSessions revoked;
  private final int leewaySeconds;
  private Future<JWTAuth> provider;

  public AccessTokenVerifier(Vertx vertx, RevokedSessions revoked) {
    this(vertx, revoked, DEFAULT_LEEWAY_SECONDS);
  }

  /** {@code leewaySeconds}: how long after {@code exp} (0..60) a token is still accepted. */
  public AccessTokenVerifier(Vertx vertx, RevokedSessions revoked, int leewaySeconds) {
    if (leewaySeconds < 0 || leewaySeconds > MAX_LEEWAY_SECONDS) {
      throw new IllegalArgumentException("the access-token leeway must be 0.." + MAX_LEEWAY_SECONDS + " s");
    }
    this.vertx = vertx;
    this.revoked = revoked;
    this.leewaySeconds = leewaySeconds;
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
      // this node's auth-service first: a round-robin pick may be a member that is going away, and a
      // socket's first handshake on a fresh node would then fail for a key everyone has
      provider = Bus.localFirst(vertx.eventBus(), Addresses.AUTH_PUBLIC_KEY, new JsonObject(), new DeliveryOptions())
          .map(body -> {
            PublicKeyInfo key = PublicKeyInfo.fromJson(body);
            if (!ALGORITHM.equals(key.algorithm())) {
              throw new IllegalStateException("access tokens must be " + ALGORITHM + ", auth-service offers " + key.algorithm());
            }
            return JWTAuth.create(vertx, new JWTAuthOptions()
                .addPubSecKey(new PubSecKeyOptions().setAlgorithm(key.algorithm()).setBuffer(key.publicKeyPem()))
                .setJWTOptions(new JWTOptions().setIssuer(key.issuer()).setLeeway(leewaySeconds)));
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
