package io.verso.web.auth;

import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Session ids revoked on this node's knowledge (from {@code verso.auth.session.revoked}), kept as
 * long as an access token of that session can still be valid, so a logged-out session's access
 * cookie stops working at once instead of at its expiry.
 */
public final class RevokedSessions {
  private final long keepMs;
  private final LongSupplier clock;
  private final Map<String, Long> until = new HashMap<>();

  public RevokedSessions(long keepMs, LongSupplier clock) {
    this.keepMs = keepMs;
    this.clock = clock;
  }

  public synchronized void revoke(String sessionId) {
    if (sessionId != null) {
      until.put(sessionId, clock.getAsLong() + keepMs);
    }
  }

  public synchronized boolean isRevoked(String sessionId) {
    Long t = until.get(sessionId);
    return t != null && t > clock.getAsLong();
  }

  public synchronized void sweep() {
    long now = clock.getAsLong();
    until.values().removeIf(t -> t <= now);
  }
}
