package io.verso.protocol;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A failure that says when to come back (RATE_LIMITED, or UNAVAILABLE because a queue is full)
 * carries the seconds in its message — the event bus has no room for more — as
 * {@code "<reason>, retry after N s"}; the web tier turns them into a {@code Retry-After} header.
 */
public final class RetryAfter {
  private static final Pattern RETRY = Pattern.compile("retry after (\\d{1,9}) s");

  private RetryAfter() {}

  /** The message for {@code reason} and a wait of {@code seconds} (at least 1). */
  public static String message(String reason, long seconds) {
    return reason + ", retry after " + Math.max(1, seconds) + " s";
  }

  /** The seconds to wait for {@code millis} milliseconds, rounded up, at least 1. */
  public static long secondsOf(long millis) {
    return Math.max(1, (millis + 999) / 1000);
  }

  /** The seconds in such a message, or -1 when there are none. */
  public static long seconds(String message) {
    if (message == null) {
      return -1;
    }
    Matcher m = RETRY.matcher(message);
    return m.find() ? Long.parseLong(m.group(1)) : -1;
  }
}
