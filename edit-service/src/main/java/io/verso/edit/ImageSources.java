package io.verso.edit;

import io.verso.protocol.ErrorCode;
import io.verso.protocol.storage.ImageRef;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;

/**
 * Which Verso images an image embed of a document may show: only that document's own, whose URL is
 * {@code /api/docs/<docId>/images/<imageId>} (the images API's answer to an upload). Any image
 * source whose path is under {@code /api/docs/} — relative, or on any host, with dot segments,
 * backslashes or percent-escapes as a browser would resolve them — must be exactly such a URL of
 * this document; other sources are left to {@link FormatPolicy}'s URL checks, as before. So one
 * document never shows another's images, which would make the first document's readers fetch (and
 * its writers choose) images of a document they may not share.
 */
final class ImageSources {
  private static final String PREFIX = "/api/docs/";
  private final String ownPrefix;

  ImageSources(String docId) {
    this.ownPrefix = PREFIX + docId + "/images/";
  }

  /** INVALID_OP when {@code src} points under /api/docs/ other than at one of this document's images. */
  void check(String src) {
    String path = path(src);
    if (path.toLowerCase(Locale.ROOT).startsWith(PREFIX) && !isOwnImage(path)) {
      throw ErrorCode.INVALID_OP.exception("an image may only show this document's own uploaded images");
    }
  }

  private boolean isOwnImage(String path) {
    return path.startsWith(ownPrefix) && ImageRef.isImageId(path.substring(ownPrefix.length()));
  }

  /**
   * The path a browser would request for {@code src} on a page at "/" (the app's only page): without
   * scheme, host, query and fragment, whitespace and control characters dropped, {@code \} read as
   * {@code /}, percent-escapes decoded and dot segments resolved.
   */
  static String path(String src) {
    StringBuilder sb = new StringBuilder(src.length());
    for (int i = 0; i < src.length(); i++) {
      char c = src.charAt(i);
      if (c > 0x20 && c != 0x7f) {
        sb.append(c == '\\' ? '/' : c);
      }
    }
    String s = sb.toString();
    int end = firstOf(s, "?#");
    if (end >= 0) {
      s = s.substring(0, end);
    }
    int colon = s.indexOf(':');
    int slash = s.indexOf('/');
    if (colon >= 0 && (slash < 0 || colon < slash)) {
      s = s.substring(colon + 1); // a scheme
    }
    if (s.startsWith("//")) {
      int pathStart = s.indexOf('/', 2);
      s = pathStart < 0 ? "/" : s.substring(pathStart);
    }
    return normalize(decode(s));
  }

  private static String decode(String s) {
    StringBuilder out = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '%' && i + 2 < s.length() && hex(s.charAt(i + 1)) >= 0 && hex(s.charAt(i + 2)) >= 0) {
        char d = (char) (hex(s.charAt(i + 1)) * 16 + hex(s.charAt(i + 2)));
        out.append(d == '\\' ? '/' : d);
        i += 2;
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  private static String normalize(String path) {
    Deque<String> segments = new ArrayDeque<>();
    for (String seg : path.split("/", -1)) {
      if (seg.equals("..")) {
        segments.pollLast();
      } else if (!seg.equals(".") && !seg.isEmpty()) {
        segments.addLast(seg);
      }
    }
    return "/" + String.join("/", segments) + (path.endsWith("/") && !segments.isEmpty() ? "/" : "");
  }

  private static int hex(char c) {
    return Character.digit(c, 16);
  }

  private static int firstOf(String s, String chars) {
    for (int i = 0; i < s.length(); i++) {
      if (chars.indexOf(s.charAt(i)) >= 0) {
        return i;
      }
    }
    return -1;
  }
}
