package io.verso.auth;

import io.verso.protocol.RetryAfter;

/**
 * The RATE_LIMITED failure of {@code verso.auth.login} carries the seconds to wait in its message
 * ({@link RetryAfter}); the web tier turns it into a {@code Retry-After} header.
 */
public final class LoginThrottled {
  private LoginThrottled() {}

  public static String message(long retryAfterSeconds) {
    return RetryAfter.message("too many failed logins", retryAfterSeconds);
  }
}
