package io.verso.auth;

import io.verso.runtime.Bus;
import io.verso.protocol.Addresses;
import io.verso.protocol.ErrorCode;
import io.verso.runtime.Failures;
import io.verso.protocol.RetryAfter;
import io.verso.protocol.auth.LoginRequest;
import io.verso.protocol.auth.LogoutRequest;
import io.verso.protocol.auth.RefreshRequest;
import io.verso.protocol.auth.RegisterRequest;
import io.verso.protocol.auth.SessionGrant;
import io.verso.protocol.auth.SessionRevoked;
import io.verso.protocol.storage.RefreshCreateRequest;
import io.verso.protocol.storage.RefreshRevokeRequest;
import io.verso.protocol.storage.RefreshRotateRequest;
import io.verso.protocol.storage.RefreshRotateResult;
import io.verso.protocol.storage.UserCreateRequest;
import io.verso.protocol.storage.UserGetRequest;
import io.verso.protocol.storage.UserRecord;
import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * Accounts and sessions: register, login (throttled), refresh-token rotation with reuse detection,
 * logout. Users and refresh tokens live in storage-service (reached over the event bus); password
 * hashing runs on worker threads.
 */
public final class Accounts {
  /** The one message for every failed login, so answers never tell whether a user exists. */
  static final String BAD_CREDENTIALS = "invalid username or password";
  static final String BAD_REFRESH = "invalid or expired session: log in again";
  static final String SIGNUP_CLOSED = "sign-up is closed";

  private final HashingQueue loginHashing;
  private final HashingQueue signupHashing;
  private final SignupThrottle signups;
  private final EventBus bus;
  private final AuthConfig config;
  private final PasswordHasher hasher;
  private final String dummyHash;
  private final AccessTokens accessTokens;
  private final RefreshTokens refreshTokens;
  private final LoginThrottle throttle;
  private final LongSupplier clock;

  /**
   * {@code loginHashing} / {@code signupHashing}: the bounded queues in front of the worker pools
   * password hashes run on (their own, so a burst of either cannot starve other blocking work, and a
   * burst of sign-ups cannot delay logins); {@code dummyHash}: a hash of a random password with the
   * current parameters, verified for unknown users.
   */
  public Accounts(EventBus bus, HashingQueue loginHashing, HashingQueue signupHashing, AuthConfig config,
                  PasswordHasher hasher, String dummyHash, AccessTokens accessTokens, RefreshTokens refreshTokens,
                  LoginThrottle throttle, SignupThrottle signups, LongSupplier clock) {
    this.refreshTokens = refreshTokens;
    this.loginHashing = loginHashing;
    this.signupHashing = signupHashing;
    this.signups = signups;
    this.bus = bus;
    this.config = config;
    this.hasher = hasher;
    this.dummyHash = dummyHash;
    this.accessTokens = accessTokens;
    this.throttle = throttle;
    this.clock = clock;
  }

  /**
   * A new account. Closed sign-up is refused before anything else; then the fields are checked
   * (free), then the address and global limits, and only then is the password hashed — on the
   * sign-up queue, which refuses with 503 rather than grow.
   */
  public Future<SessionGrant> register(RegisterRequest req) {
    if (!config.signup().open()) {
      return Future.failedFuture(ErrorCode.FORBIDDEN.exception(SIGNUP_CLOSED));
    }
    String username;
    String displayName;
    try {
      username = AccountRules.checkUsername(req.username());
      AccountRules.checkPassword(req.password());
      displayName = AccountRules.checkDisplayName(req.displayName());
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
    return signups.attempt(req.clientAddress()).compose(waitMs -> waitMs > 0
        ? Future.failedFuture(ErrorCode.RATE_LIMITED.exception(
            RetryAfter.message("too many sign-ups", RetryAfter.secondsOf(waitMs))))
        : signupHashing.submit(() -> hasher.hash(req.password()))
            // refused as too busy: nothing was done, so it does not count against the address
            .onFailure(t -> signups.release(req.clientAddress())))
        .compose(hash -> Bus.request(bus, Addresses.STORAGE_USER_CREATE,
            new UserCreateRequest(username, displayName, hash).toJson()))
        .recover(t -> Failures.codeOf(t) == ErrorCode.CONFLICT
            ? Future.failedFuture(ErrorCode.CONFLICT.exception("username is not available"))
            : Future.failedFuture(t))
        .map(UserRecord::fromJson)
        .compose(this::newSession);
  }

  public Future<SessionGrant> login(LoginRequest req) {
    String username = AccountRules.normalizeUsername(req.username());
    String address = req.clientAddress() == null ? "unknown" : req.clientAddress();
    return throttle.attempt(username, address).compose(waitMs -> waitMs > 0
        ? Future.failedFuture(ErrorCode.RATE_LIMITED.exception(LoginThrottled.message((waitMs + 999) / 1000)))
        : judge(req, username, address));
  }

  /** A login the throttle let through (and counted as a failure until it succeeds). */
  private Future<SessionGrant> judge(LoginRequest req, String username, String address) {
    // Usernames and passwords that break the rules cannot belong to anyone; they still cost a hash.
    boolean plausible = AccountRules.validUsername(username) && AccountRules.validPassword(req.password());
    Future<UserRecord> lookup = plausible
        ? Bus.request(bus, Addresses.STORAGE_USER_GET, UserGetRequest.byUsername(username).toJson())
            .map(UserRecord::fromJson)
            .recover(t -> Failures.codeOf(t) == ErrorCode.NOT_FOUND ? Future.succeededFuture(null) : Future.failedFuture(t))
        : Future.succeededFuture(null);
    // an attempt that could not be judged (storage down, pool closed) is not held against anyone
    return lookup.onFailure(t -> throttle.abandon(username, address)).compose(user -> {
      String candidate = plausible ? req.password() : "x".repeat(8);
      String stored = user == null ? dummyHash : user.passwordHash();
      return loginHashing.submit(() -> hasher.verify(candidate, stored))
          .onFailure(t -> throttle.abandon(username, address))
          .compose(ok -> {
            if (!ok || user == null) {
              return Future.failedFuture(ErrorCode.UNAUTHENTICATED.exception(BAD_CREDENTIALS));
            }
            throttle.success(username, address);
            return newSession(user);
          });
    });
  }

  /**
   * Rotates the refresh token. Its successor is derived from it ({@link RefreshTokens#successor}), so
   * the same token presented again within {@code auth.refresh.graceMs} of its rotation (another tab
   * of the same browser refreshing at the same moment) gets the same successor from storage's grace
   * rule instead of revoking the session as reuse.
   */
  public Future<SessionGrant> refresh(RefreshRequest req) {
    String token = req.refreshToken();
    if (!RefreshTokens.wellFormed(token)) {
      return Future.failedFuture(ErrorCode.UNAUTHENTICATED.exception(BAD_REFRESH));
    }
    String tokenHash = RefreshTokens.hash(token);
    String family = RefreshTokens.familyOf(token);
    String next = refreshTokens.successor(token);
    return Bus.request(bus, Addresses.STORAGE_REFRESH_ROTATE,
            new RefreshRotateRequest(tokenHash, RefreshTokens.hash(next), refreshExpiry(), config.refreshGraceMs()).toJson())
        .map(RefreshRotateResult::fromJson)
        .recover(t -> Failures.codeOf(t) == ErrorCode.UNAUTHENTICATED ? rejected(tokenHash, family) : Future.failedFuture(t))
        .compose(rotated -> Bus.request(bus, Addresses.STORAGE_USER_GET, UserGetRequest.byId(rotated.userId()).toJson())
            .map(user -> grant(UserRecord.fromJson(user), family, next)));
  }

  /**
   * A refresh token storage refused (reused, revoked, expired or unknown). On reuse storage has
   * already revoked the family; revoking it again by the token's hash is idempotent and tells us
   * whose it was, so every web node can stop that session's access tokens at once.
   */
  private Future<RefreshRotateResult> rejected(String tokenHash, String family) {
    return Bus.request(bus, Addresses.STORAGE_REFRESH_REVOKE, new RefreshRevokeRequest(null, tokenHash).toJson())
        .onSuccess(r -> announceRevoked(r.getString("userId"), family))
        .transform(ignored -> Future.failedFuture(ErrorCode.UNAUTHENTICATED.exception(BAD_REFRESH)));
  }

  /** Revokes the family of the refresh token and the session of the access token, whichever are given. */
  public Future<Void> logout(LogoutRequest req) {
    List<Future<?>> revocations = new ArrayList<>();
    if (RefreshTokens.wellFormed(req.refreshToken())) {
      String family = RefreshTokens.familyOf(req.refreshToken());
      revocations.add(Bus.request(bus, Addresses.STORAGE_REFRESH_REVOKE,
              new RefreshRevokeRequest(null, RefreshTokens.hash(req.refreshToken())).toJson())
          .onSuccess(r -> announceRevoked(r.getString("userId"), family)));
    }
    if (req.sessionId() != null) {
      revocations.add(Bus.request(bus, Addresses.STORAGE_REFRESH_REVOKE,
              new RefreshRevokeRequest(req.sessionId(), null).toJson())
          .onSuccess(r -> announceRevoked(r.getString("userId"), req.sessionId())));
    }
    return Future.all(revocations).mapEmpty();
  }

  private void announceRevoked(String userId, String familyId) {
    if (userId != null) {
      bus.publish(Addresses.AUTH_SESSION_REVOKED, new SessionRevoked(userId, familyId).toJson());
    }
  }

  private Future<SessionGrant> newSession(UserRecord user) {
    String familyId = refreshTokens.newFamilyId();
    String token = refreshTokens.newToken(familyId);
    return Bus.request(bus, Addresses.STORAGE_REFRESH_CREATE,
            new RefreshCreateRequest(RefreshTokens.hash(token), familyId, user.id(), refreshExpiry()).toJson())
        .map(ignored -> grant(user, familyId, token));
  }

  private SessionGrant grant(UserRecord user, String familyId, String refreshToken) {
    return new SessionGrant(user, accessTokens.issue(user, familyId), accessTokens.ttlSeconds(),
        refreshToken, config.refreshTtlSeconds());
  }

  private long refreshExpiry() {
    return clock.getAsLong() + config.refreshTtlSeconds() * 1000;
  }
}
