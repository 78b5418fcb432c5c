package io.verso.web.bridge;

import io.verso.web.auth.Identity;
import io.vertx.core.Vertx;
import java.util.function.Consumer;

/**
 * Ends a socket when the access token it was opened with expires: a socket holds no more than its
 * token, so a role change or a revocation this node missed lasts at most one token lifetime, and a
 * logged-out user's socket does not live on. The browser app answers the {@code err} 401 by refreshing
 * its cookie once and reconnecting (its pending edits are resent with the same (clientId, seq)).
 * One timer per socket, cancelled when the socket closes first. Used from the web verticle's context.
 */
final class SessionExpiry {
  /** Tokens that never expire (the TCP bridge's service principal) or expire this far ahead get no timer. */
  private static final long FOREVER_MS = 366L * 24 * 3600 * 1000;

  private final Vertx vertx;
  private final Consumer<BridgeSession> expire;

  /** @param expire what ends an expired socket (an {@code err} 401, then closed) */
  SessionExpiry(Vertx vertx, Consumer<BridgeSession> expire) {
    this.vertx = vertx;
    this.expire = expire;
  }

  /** Arms the socket's timer for its identity's expiry (at once if that has passed already). */
  void watch(BridgeSession s, Identity identity) {
    long inMs = identity.expiresAtSeconds() >= Long.MAX_VALUE / 1000 ? Long.MAX_VALUE
        : identity.expiresAtSeconds() * 1000 - System.currentTimeMillis();
    if (inMs >= FOREVER_MS) {
      return;
    }
    long timer = vertx.setTimer(Math.max(1, inMs), id -> expire.accept(s));
    s.onClose(() -> vertx.cancelTimer(timer));
  }
}
