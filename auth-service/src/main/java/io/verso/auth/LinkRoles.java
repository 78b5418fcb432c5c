package io.verso.auth;

import io.verso.auth.throttle.AttemptLog;
import io.verso.auth.throttle.ThrottleKeys;
import io.verso.protocol.Addresses;
import io.verso.protocol.ErrorCode;
import io.verso.protocol.RetryAfter;
import io.verso.protocol.Role;
import io.verso.protocol.storage.DocIdRequest;
import io.verso.protocol.storage.LinkRecord;
import io.verso.runtime.Bus;
import io.verso.runtime.Failures;
import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * The role a share-link token gives a signed-in user on one document: the link's role while the
 * token is the link's current one, else none. Wrong tokens are counted per user (any document): past
 * {@code maxFailures} in the window every further token of that user is refused (RATE_LIMITED) before
 * it is compared — with 256-bit tokens guessing is hopeless anyway; the count makes trying visible and
 * cheap to stop.
 */
final class LinkRoles {
  static final int MAX_FAILURES = 30;
  static final long WINDOW_MS = 15 * 60_000L;

  private final EventBus bus;
  private final AttemptLog log;
  private final LongSupplier clock;
  private final int maxFailures;

  LinkRoles(EventBus bus, AttemptLog log, LongSupplier clock, int maxFailures) {
    this.bus = bus;
    this.log = log;
    this.clock = clock;
    this.maxFailures = maxFailures;
  }

  /** The token's role for the user (null: none — a wrong or dead token, counted); RATE_LIMITED when over the failures. */
  Future<Role> role(String docId, String userId, String token) {
    List<AttemptLog.Limit> limits = List.of(new AttemptLog.Limit(ThrottleKeys.linkGuesses(userId), maxFailures, WINDOW_MS));
    return log.peek(clock.getAsLong(), limits).compose(waitMs -> {
      if (waitMs > 0) {
        return Future.failedFuture(ErrorCode.RATE_LIMITED.exception(
            RetryAfter.message("too many wrong link tokens", RetryAfter.secondsOf(waitMs))));
      }
      return Bus.request(bus, Addresses.STORAGE_LINK_GET, new DocIdRequest(docId).toJson())
          .map(LinkRecord::fromJson)
          .recover(t -> Failures.codeOf(t) == ErrorCode.NOT_FOUND ? Future.succeededFuture(null) : Future.failedFuture(t))
          .compose(link -> {
            if (link != null && LinkTokens.matches(token, link.tokenHash())) {
              return Future.succeededFuture(link.role());
            }
            return log.add(clock.getAsLong(), limits).map(v -> (Role) null);
          });
    });
  }
}
