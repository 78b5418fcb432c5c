package io.verso.protocol;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The URL rule of every link and image a document may hold: the edit-service applies it to ops and
 * the converters to imported files, so one rule decides what reaches a page.
 */
public final class SafeUrl {
  /** Schemes a link may use. */
  public static final Set<String> LINK_SCHEMES = Set.of("http", "https", "mailto", "tel");
  /** Schemes an image may be fetched from (a {@code data:} image is checked by {@link #isInlineImage}). */
  public static final Set<String> MEDIA_SCHEMES = Set.of("http", "https");
  /** Longest URL of a link or image. */
  public static final int MAX_LENGTH = 2048;

  private static final Pattern DATA_IMAGE =
      Pattern.compile("data:image/(png|jpeg|gif|webp);base64,[A-Za-z0-9+/=]+");

  private SafeUrl() {}

  /**
   * True for URLs a browser cannot turn into script: an allowed scheme, or no scheme at all
   * (relative). Browsers ignore ASCII whitespace and control characters inside a scheme
   * ("java\tscript:"), so they are removed before the check.
   */
  public static boolean isSafe(String url, Set<String> schemes) {
    if (url.isEmpty() || url.length() > MAX_LENGTH) {
      return false;
    }
    StringBuilder sb = new StringBuilder(url.length());
    for (int i = 0; i < url.length(); i++) {
      char c = url.charAt(i);
      if (c > 0x20 && c != 0x7f) {
        sb.append(c);
      }
    }
    String s = sb.toString();
    int colon = s.indexOf(':');
    if (colon < 0) {
      return true;
    }
    int delimiter = firstIndexOf(s, "/?#");
    if (delimiter >= 0 && delimiter < colon) {
      return true; // the colon is in a path or query: relative URL
    }
    return schemes.contains(s.substring(0, colon).toLowerCase(Locale.ROOT));
  }

  public static boolean isSafeLink(String url) {
    return isSafe(url, LINK_SCHEMES);
  }

  /**
   * True for a base64 PNG, JPEG, GIF or WebP data URL: the only inline images (formats a browser
   * shows as a picture, never as a page: no SVG, no HTML). Its length limit is the caller's.
   */
  public static boolean isInlineImage(String url) {
    return DATA_IMAGE.matcher(url).matches();
  }

  private static int firstIndexOf(String s, String chars) {
    for (int i = 0; i < s.length(); i++) {
      if (chars.indexOf(s.charAt(i)) >= 0) {
        return i;
      }
    }
    return -1;
  }
}
