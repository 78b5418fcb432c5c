package io.verso.auth;

import io.verso.protocol.ErrorCode;
import java.util.Locale;
import java.util.regex.Pattern;

/** Validation of account fields: usernames, passwords and display names. */
public final class AccountRules {
  private static final Pattern USERNAME = Pattern.compile("[a-z0-9_.-]{3,32}");

  private AccountRules() {}

  /** The canonical (lowercase) form of a username, or null when it is missing. */
  public static String normalizeUsername(String username) {
    return username == null ? null : username.trim().toLowerCase(Locale.ROOT);
  }

  public static boolean validUsername(String normalized) {
    return normalized != null && USERNAME.matcher(normalized).matches();
  }

  /**
   * 8..256 code points, and no lone UTF-16 surrogate: it has no UTF-8 form, so hashing would turn it
   * into '?' and two different passwords into the same one.
   */
  public static boolean validPassword(String password) {
    if (password == null || hasLoneSurrogate(password)) {
      return false;
    }
    int n = password.codePointCount(0, password.length());
    return n >= 8 && n <= 256;
  }

  /** Whether {@code s} holds a UTF-16 surrogate that is not half of a pair. */
  static boolean hasLoneSurrogate(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return true;
      }
    }
    return false;
  }

  /** The trimmed display name, or a BAD_REQUEST failure when it is empty, too long or has control characters. */
  public static String checkDisplayName(String displayName) {
    if (displayName == null) {
      throw ErrorCode.BAD_REQUEST.exception("displayName is required");
    }
    String trimmed = displayName.strip();
    int n = trimmed.codePointCount(0, trimmed.length());
    if (n < 1 || n > 64 || trimmed.codePoints().anyMatch(Character::isISOControl) || hasLoneSurrogate(trimmed)) {
      // a lone surrogate would be stored as '?': refused rather than silently rewritten
      throw ErrorCode.BAD_REQUEST.exception("displayName must be 1..64 characters without control characters");
    }
    return trimmed;
  }

  public static String checkUsername(String username) {
    String normalized = normalizeUsername(username);
    if (!validUsername(normalized)) {
      throw ErrorCode.BAD_REQUEST.exception("username must be 3..32 characters of a-z 0-9 _ . -");
    }
    return normalized;
  }

  public static void checkPassword(String password) {
    if (!validPassword(password)) {
      throw ErrorCode.BAD_REQUEST.exception("password must be 8..256 characters of valid Unicode text");
    }
  }
}
