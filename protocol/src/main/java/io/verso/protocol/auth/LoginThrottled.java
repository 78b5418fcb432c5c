package io.verso.protocol.auth;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The RATE_LIMITED failure of {@code verso.auth.login} carries the seconds to wait in its message
 * (the event bus has no room for more); the web tier turns it into a {@code Retry-After} header.
 */
public final class LoginThrottled {
  private static final Pattern RETRY = Pattern.compile("retry after (\\d{1,9}) s");

  private LoginThrottled() {}

  public static String message(long retryAfterSeconds) {
    return "too many failed logins, retry after " + Math.max(1, retryAfterSeconds) + " s";
  }

  /** The seconds in such a message, or -1 when there are none. */
  public static long retryAfterSeconds(String message) {
    if (message == null) {
      return -1;
    }
    Matcher m = RETRY.matcher(message);
    return m.find() ? Long.parseLong(m.group(1)) : -1;
  }
}
