package io.verso.auth.throttle;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The keys the throttles count under. A username or address as sent can be long or hold anything:
 * a part that is not short and plain is replaced by its SHA-256, so keys stay bounded in Redis and
 * in memory alike.
 */
public final class ThrottleKeys {
  static final int MAX_PLAIN = 64;

  private ThrottleKeys() {}

  public static String loginAccount(String username) {
    return "login:account:" + part(username);
  }

  public static String loginAddress(String address) {
    return "login:ip:" + part(address);
  }

  public static String signupAddress(String address) {
    return "signup:ip:" + part(address);
  }

  /** Wrong share-link tokens of one user (any document). */
  public static String linkGuesses(String userId) {
    return "link:user:" + part(userId);
  }

  /** People searches of one user. */
  public static String userSearches(String userId) {
    return "search:user:" + part(userId);
  }

  static String part(String value) {
    if (value == null) {
      return "-";
    }
    if (value.length() <= MAX_PLAIN && value.chars().allMatch(ThrottleKeys::plain)) {
      return value;
    }
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
      return "sha256:" + HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Letters, digits and the punctuation of usernames and addresses (IPv6 ':', a zone's '%', a prefix's '/'). */
  private static boolean plain(int c) {
    return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
        || c == '.' || c == '_' || c == '-' || c == ':' || c == '/' || c == '%';
  }
}
