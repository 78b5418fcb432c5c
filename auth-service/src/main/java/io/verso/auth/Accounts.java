package io.verso.auth;

import io.verso.protocol.Addresses;
import io.verso.protocol.ErrorCode;
import io.verso.protocol.Failures;
import io.verso.protocol.auth.LoginRequest;
import io.verso.protocol.auth.LoginThrottled;
import io.verso.protocol.auth.LogoutRequest;
import io.verso.protocol.auth.RefreshRequest;
import io.verso.protocol.auth.RegisterRequest;
import io.verso.protocol.auth.SessionGrant;
import io.verso.protocol.auth.SessionRevoked;
import io.verso.protocol.auth.UserInfo;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * Accounts and sessions: register, login (throttled), refresh-token rotation with reuse detection,
 * logout. Users and refresh tokens live in storage-service (reached over the event bus); password
 * hashing runs on worker threads.
 */
public final class Accounts {
  /** The one message for every failed login, so answers never tell whether a user exists. */
  static final String BAD_CREDENTIALS = "invalid username or password";
  static final String BAD_REFRESH = "invalid or expired session: log in again";

  private final Vertx vertx;
  private final EventBus bus;
  private final AuthConfig config;
  private final PasswordHasher hasher;
  private final String dummyHash;
  private final AccessTokens accessTokens;
  private final RefreshTokens refreshTokens = new RefreshTokens();
  private final LoginThrottle throttle;

  /** {@code dummyHash}: a hash of a random password with the current parameters, verified for unknown users. */
  public Accounts(Vertx vertx, AuthConfig config, PasswordHasher hasher, String dummyHash,
                  AccessTokens accessTokens, LoginThrottle throttle) {
    this.vertx = vertx;
    this.bus = vertx.eventBus();
    this.config = config;
    this.hasher = hasher;
    this.dummyHash = dummyHash;
    this.accessTokens = accessTokens;
    this.throttle = throttle;
  }

  public Future<SessionGrant> register(RegisterRequest req) {
    String username;
    String displayName;
    try {
      username = AccountRules.checkUsername(req.username());
      AccountRules.checkPassword(req.password());
      displayName = AccountRules.checkDisplayName(req.displayName());
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
    return vertx.executeBlocking(() -> hasher.hash(req.password()), false)
        .compose(hash -> Bus.request(bus, Addresses.STORAGE_USER_CREATE, new JsonObject()
            .put("username", username).put("displayName", displayName).put("passwordHash", hash)))
        .recover(t -> Failures.codeOf(t) == ErrorCode.CONFLICT
            ? Future.failedFuture(ErrorCode.CONFLICT.exception("username is not available"))
            : Future.failedFuture(t))
        .map(UserInfo::fromJson)
        .compose(this::newSession);
  }

  public Future<SessionGrant> login(LoginRequest req) {
    if (req.username() == null || req.password() == null) {
      return Future.failedFuture(ErrorCode.BAD_REQUEST.exception("username and password are required"));
    }
    String username = AccountRules.normalizeUsername(req.username());
    String address = req.clientAddress() == null ? "unknown" : req.clientAddress();
    long waitMs = throttle.retryAfterMs(username, address);
    if (waitMs > 0) {
      return Future.failedFuture(ErrorCode.RATE_LIMITED.exception(LoginThrottled.message((waitMs + 999) / 1000)));
    }
    // Usernames and passwords that break the rules cannot belong to anyone; they still cost a hash.
    boolean plausible = AccountRules.validUsername(username) && AccountRules.validPassword(req.password());
    Future<JsonObject> lookup = plausible
        ? Bus.request(bus, Addresses.STORAGE_USER_GET, new JsonObject().put("username", username))
            .recover(t -> Failures.codeOf(t) == ErrorCode.NOT_FOUND ? Future.succeededFuture(null) : Future.failedFuture(t))
        : Future.succeededFuture(null);
    return lookup.compose(user -> {
      String candidate = plausible ? req.password() : "x".repeat(8);
      String stored = user == null ? dummyHash : user.getString("passwordHash");
      return vertx.executeBlocking(() -> hasher.verify(candidate, stored), false)
          .compose(ok -> {
            if (!ok || user == null) {
              throttle.failure(username, address);
              return Future.failedFuture(ErrorCode.UNAUTHENTICATED.exception(BAD_CREDENTIALS));
            }
            throttle.success(username);
            return newSession(UserInfo.fromJson(user));
          });
    });
  }

  public Future<SessionGrant> refresh(RefreshRequest req) {
    String token = req.refreshToken();
    if (!RefreshTokens.wellFormed(token)) {
      return Future.failedFuture(ErrorCode.UNAUTHENTICATED.exception(BAD_REFRESH));
    }
    String tokenHash = RefreshTokens.hash(token);
    String next = refreshTokens.newToken();
    return Bus.request(bus, Addresses.STORAGE_REFRESH_ROTATE, new JsonObject()
            .put("tokenHash", tokenHash)
            .put("newTokenHash", RefreshTokens.hash(next))
            .put("expiresAt", refreshExpiry()))
        .recover(t -> Failures.codeOf(t) == ErrorCode.UNAUTHENTICATED ? rejected(tokenHash) : Future.failedFuture(t))
        .compose(rotated -> Bus.request(bus, Addresses.STORAGE_USER_GET, new JsonObject().put("id", rotated.getString("userId")))
            .map(user -> grant(UserInfo.fromJson(user), rotated.getString("familyId"), next)));
  }

  /**
   * A refresh token storage refused (reused, revoked, expired or unknown): storage has already
   * revoked the family on reuse; revoking by the token's hash tells us whose it was, so the user's
   * open sockets can be told.
   */
  private Future<JsonObject> rejected(String tokenHash) {
    return Bus.request(bus, Addresses.STORAGE_REFRESH_REVOKE, new JsonObject().put("tokenHash", tokenHash))
        .onSuccess(r -> announceRevoked(r, r.getString("familyId")))
        .transform(ignored -> Future.failedFuture(ErrorCode.UNAUTHENTICATED.exception(BAD_REFRESH)));
  }

  public Future<Void> logout(LogoutRequest req) {
    List<Future<?>> revocations = new ArrayList<>();
    if (RefreshTokens.wellFormed(req.refreshToken())) {
      revocations.add(Bus.request(bus, Addresses.STORAGE_REFRESH_REVOKE,
              new JsonObject().put("tokenHash", RefreshTokens.hash(req.refreshToken())))
          .onSuccess(r -> announceRevoked(r, r.getString("familyId"))));
    }
    if (req.sessionId() != null && !req.sessionId().isEmpty() && req.sessionId().length() <= 64) {
      revocations.add(Bus.request(bus, Addresses.STORAGE_REFRESH_REVOKE, new JsonObject().put("familyId", req.sessionId()))
          .onSuccess(r -> announceRevoked(r, req.sessionId())));
    }
    return Future.all(revocations).mapEmpty();
  }

  private void announceRevoked(JsonObject revokeReply, String familyId) {
    String userId = revokeReply.getString("userId");
    if (userId != null) {
      bus.publish(Addresses.AUTH_SESSION_REVOKED, new SessionRevoked(userId, familyId).toJson());
    }
  }

  private Future<SessionGrant> newSession(UserInfo user) {
    String familyId = refreshTokens.newFamilyId();
    String token = refreshTokens.newToken();
    return Bus.request(bus, Addresses.STORAGE_REFRESH_CREATE, new JsonObject()
            .put("tokenHash", RefreshTokens.hash(token))
            .put("familyId", familyId)
            .put("userId", user.id())
            .put("expiresAt", refreshExpiry()))
        .map(ignored -> grant(user, familyId, token));
  }

  private SessionGrant grant(UserInfo user, String familyId, String refreshToken) {
    return new SessionGrant(user, accessTokens.issue(user, familyId), accessTokens.ttlSeconds(),
        refreshToken, config.refreshTtlSeconds());
  }

  private long refreshExpiry() {
    return System.currentTimeMillis() + config.refreshTtlSeconds() * 1000;
  }
}
