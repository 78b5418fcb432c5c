package io.verso.protocol.comments;

import io.verso.protocol.ErrorCode;
import io.verso.protocol.Fields;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * The limits of comments (docs/protocol.md "Limits"), one place for the room that enforces them
 * and the storage that trusts them. A text is measured in UTF-16 units, as the page counts, and in
 * UTF-8 bytes toward its document's total.
 */
public final class CommentLimits {
  private CommentLimits() {}

  /** Characters (UTF-16 units) of one comment's text. */
  public static final int MAX_TEXT_CHARS = 10_000;
  /** Threads of one document, open and resolved. */
  public static final int MAX_THREADS = 1_000;
  /** Comments of one thread, its opening comment included. */
  public static final int MAX_COMMENTS_PER_THREAD = 100;
  /** UTF-8 bytes of all comment texts of one document. */
  public static final long MAX_DOC_TEXT_BYTES = 4L * 1024 * 1024;
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{16,64}");

  /** A required thread or comment id: 16..64 of {@code [A-Za-z0-9_-]} (BAD_REQUEST otherwise). */
  public static String id(JsonObject json, String field) {
    String id = Fields.string(json, field, 64);
    if (!isId(id)) {
      throw Fields.bad(field + " must be 16..64 of [A-Za-z0-9_-]");
    }
    return id;
  }

  public static boolean isId(String id) {
    return id != null && ID.matcher(id).matches();
  }

  /**
   * A comment's text as typed: a string of 1..{@value #MAX_TEXT_CHARS} UTF-16 units (TOO_LARGE
   * beyond), not only white space, no NUL and no lone surrogate (INVALID_OP: it cannot be stored or
   * shown as typed, and nothing is rewritten). BAD_REQUEST when missing or not a string.
   */
  public static String text(JsonObject json, String field) {
    Object v = json.getValue(field);
    if (!(v instanceof String s)) {
      throw Fields.bad(field + " must be a string");
    }
    if (s.length() > MAX_TEXT_CHARS) {
      throw ErrorCode.TOO_LARGE.exception(field + " is longer than " + MAX_TEXT_CHARS + " characters");
    }
    if (s.isBlank()) {
      throw ErrorCode.INVALID_OP.exception(field + " is empty");
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\0') {
        throw ErrorCode.INVALID_OP.exception(field + " contains a NUL character");
      }
      if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        throw ErrorCode.INVALID_OP.exception(field + " contains a lone surrogate");
      }
    }
    return s;
  }

  /** UTF-8 bytes of a text, toward {@link #MAX_DOC_TEXT_BYTES}. */
  public static long bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8).length;
  }
}
