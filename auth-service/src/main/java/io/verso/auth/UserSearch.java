package io.verso.auth;

import io.verso.auth.throttle.AttemptLog;
import io.verso.auth.throttle.ThrottleKeys;
import io.verso.protocol.Addresses;
import io.verso.protocol.ErrorCode;
import io.verso.protocol.RetryAfter;
import io.verso.protocol.storage.UserSearchRequest;
import io.verso.runtime.Bus;
import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * People search for the share dialog: a signed-in user types the start of a username or display
 * name and gets at most {@link #MAX_RESULTS} matches, username and display name only. Never a
 * directory: a query under {@link #MIN_QUERY} characters (after trimming) is refused (INVALID_OP, 422),
 * and each user may search {@code maxPerWindow} times per window (RATE_LIMITED, 429, counted in the
 * auth-service's attempt log: Redis for every node when configured).
 */
final class UserSearch {
  static final int MIN_QUERY = 2;
  static final int MAX_RESULTS = 10;
  static final int MAX_PER_WINDOW = 30;
  static final long WINDOW_MS = 10_000;

  private final EventBus bus;
  private final AttemptLog log;
  private final LongSupplier clock;
  private final int maxPerWindow;

  UserSearch(EventBus bus, AttemptLog log, LongSupplier clock, int maxPerWindow) {
    this.bus = bus;
    this.log = log;
    this.clock = clock;
    this.maxPerWindow = maxPerWindow;
  }

  Future<JsonObject> search(Object q, String actingUserId) {
    if (actingUserId == null || actingUserId.isEmpty()) {
      return Future.failedFuture(ErrorCode.UNAUTHENTICATED.exception("no verified user"));
    }
    if (!(q instanceof String s)) {
      return Future.failedFuture(ErrorCode.BAD_REQUEST.exception("q must be a string"));
    }
    String query = s.strip();
    if (query.codePointCount(0, query.length()) < MIN_QUERY || query.length() > UserSearchRequest.MAX_QUERY
        || query.codePoints().anyMatch(Character::isISOControl)) {
      return Future.failedFuture(ErrorCode.INVALID_OP.exception(
          "q must be " + MIN_QUERY + ".." + UserSearchRequest.MAX_QUERY + " characters"));
    }
    List<AttemptLog.Limit> limit = List.of(new AttemptLog.Limit(ThrottleKeys.userSearches(actingUserId), maxPerWindow, WINDOW_MS));
    return log.take(clock.getAsLong(), limit).compose(waitMs -> waitMs > 0
        ? Future.failedFuture(ErrorCode.RATE_LIMITED.exception(
            RetryAfter.message("too many searches", RetryAfter.secondsOf(waitMs))))
        : Bus.request(bus, Addresses.STORAGE_USER_SEARCH, new UserSearchRequest(query, MAX_RESULTS).toJson()));
  }
}
