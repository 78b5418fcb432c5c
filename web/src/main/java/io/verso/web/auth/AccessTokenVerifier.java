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
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashSet;
import java.util.Set;

/**
 * Verifies access tokens locally with the auth-service's public keys (fetched over the event bus;
 * no shared secret). Accepts only ES256 tokens of our issuer whose {@code kid} names a key of the
 * set, signed by it, unexpired, with {@code sub}, {@code sid} and {@code exp}, whose session was not
 * revoked. "Unexpired" allows a small leeway for clock skew between the node that signed and this
 * one (without it, a node whose clock runs a few seconds behind the signer's logs people out early).
 *
 * <p>The key set (current, next and previous key during a rotation) is reloaded when a token names
 * a {@code kid} it lacks — at most once per {@code minReloadMs}, so made-up kids cannot flood the
 * auth-service — and when it is older than {@code maxAgeMs}, so a key removed from the
 * auth-services stops verifying here too. A failed reload keeps the keys already held.
 */
public final class AccessTokenVerifier {
  private static final int MAX_TOKEN_LENGTH = 4096;
  /** The only signature algorithm accepted: asymmetric, so no verifier ever holds a signing secret. */
  private static final String ALGORITHM = "ES256";
  public static final int DEFAULT_LEEWAY_SECONDS = 30;
  /** Revoked sessions are remembered 16 min: 15 min of token lifetime plus at most this leeway. */
  public static final int MAX_LEEWAY_SECONDS = 60;
  /** A removed key stops verifying within this long after the auth-services dropped it. */
  public static final long DEFAULT_MAX_AGE_MS = 60_000;
  /** At most one reload per this long for unknown kids. */
  public static final long DEFAULT_MIN_RELOAD_MS = 5_000;

  private final Vertx vertx;
  private final RevokedSessions revoked;
  private final int leewaySeconds;
  private final long maxAgeMs;
  private final long minReloadMs;
  private KeySet keys;
  private Future<KeySet> loading;
  private long lastLoadMs;

  public AccessTokenVerifier(Vertx vertx, RevokedSessions revoked) {
    this(vertx, revoked, DEFAULT_LEEWAY_SECONDS);
  }

  /** {@code leewaySeconds}: how long after {@code exp} (0..60) a token is still accepted. */
  public AccessTokenVerifier(Vertx vertx, RevokedSessions revoked, int leewaySeconds) {
    this(vertx, revoked, leewaySeconds, DEFAULT_MAX_AGE_MS, DEFAULT_MIN_RELOAD_MS);
  }

  /** {@code maxAgeMs}: reload a key set this old; {@code minReloadMs}: the least time between reloads. */
  public AccessTokenVerifier(Vertx vertx, RevokedSessions revoked, int leewaySeconds, long maxAgeMs, long minReloadMs) {
    if (leewaySeconds < 0 || leewaySeconds > MAX_LEEWAY_SECONDS) {
      throw new IllegalArgumentException("the access-token leeway must be 0.." + MAX_LEEWAY_SECONDS + " s");
    }
    if (maxAgeMs < minReloadMs || minReloadMs < 0) {
      throw new IllegalArgumentException("the key set's max age must be at least the reload interval");
    }
    this.vertx = vertx;
    this.revoked = revoked;
    this.leewaySeconds = leewaySeconds;
    this.maxAgeMs = maxAgeMs;
    this.minReloadMs = minReloadMs;
  }

  public Future<Identity> verify(String token) {
    if (token == null || token.isEmpty() || token.length() > MAX_TOKEN_LENGTH) {
      return unauthenticated();
    }
    String kid = kidOf(token);
    return keysFor(kid)
        .compose(set -> !set.knows(kid) ? unauthenticated()
            : set.jwt().authenticate(new TokenCredentials(token)).recover(t -> unauthenticated()))
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

  /** The {@code kid} of a token's header, or null when it has none or the header is not JSON. */
  private static String kidOf(String token) {
    int dot = token.indexOf('.');
    if (dot <= 0) {
      return null;
    }
    try {
      JsonObject header = new JsonObject(new String(Base64.getUrlDecoder().decode(token.substring(0, dot)),
          StandardCharsets.UTF_8));
      return header.getValue("kid") instanceof String k && !k.isEmpty() ? k : null;
    } catch (RuntimeException e) {
      return null;
    }
  }

  /**
   * The key set to verify a token of {@code kid} with: reloaded first if it lacks kid or is old,
   * within the rate (a token without kid is refused, but like any other waits for the first set).
   */
  private synchronized Future<KeySet> keysFor(String kid) {
    if (keys == null) {
      return load(); // nothing to fall back on: a failure fails the verification, the next one retries
    }
    long now = System.currentTimeMillis();
    boolean wanted = (kid != null && !keys.knows(kid)) || now - lastLoadMs >= maxAgeMs;
    if (wanted && (loading != null || now - lastLoadMs >= minReloadMs)) {
      KeySet held = keys;
      return load().recover(err -> Future.succeededFuture(held));
    }
    return Future.succeededFuture(keys);
  }

  /** Fetches the key set, one request at a time for all callers. */
  private synchronized Future<KeySet> load() {
    if (loading == null) {
      lastLoadMs = System.currentTimeMillis();
      // this node's auth-service first: a round-robin pick may be a member that is going away, and a
      // socket's first handshake on a fresh node would then fail for a key everyone has
      Future<KeySet> f = Bus.localFirst(vertx.eventBus(), Addresses.AUTH_PUBLIC_KEY, new JsonObject(), new DeliveryOptions())
          .map(body -> keySet(PublicKeyInfo.fromJson(body)));
      loading = f;
      f.onComplete(ar -> loaded(f, ar.succeeded() ? ar.result() : null));
    }
    return loading;
  }

  private synchronized void loaded(Future<KeySet> f, KeySet set) {
    if (loading == f) {
      loading = null;
    }
    if (set != null) {
      keys = set;
    }
  }

  private KeySet keySet(PublicKeyInfo info) {
    if (!ALGORITHM.equals(info.algorithm())) {
      throw new IllegalStateException("access tokens must be " + ALGORITHM + ", auth-service offers " + info.algorithm());
    }
    JWTAuthOptions options = new JWTAuthOptions()
        .setJWTOptions(new JWTOptions().setIssuer(info.issuer()).setLeeway(leewaySeconds));
    Set<String> kids = new HashSet<>();
    for (PublicKeyInfo.Key key : info.keys()) {
      options.addPubSecKey(new PubSecKeyOptions().setAlgorithm(ALGORITHM).setId(key.kid()).setBuffer(key.publicKeyPem()));
      kids.add(key.kid());
    }
    return new KeySet(Set.copyOf(kids), JWTAuth.create(vertx, options));
  }

  /** Public keys by kid, and the provider that verifies with exactly them. */
  private record KeySet(Set<String> kids, JWTAuth jwt) {
    boolean knows(String kid) {
      return kid != null && kids.contains(kid);
    }
  }

  private static <T> Future<T> unauthenticated() {
    return Future.failedFuture(ErrorCode.UNAUTHENTICATED.exception("not logged in or session expired"));
  }
}
