package io.verso.edit;

import io.verso.delta.Delta;
import io.verso.delta.Insert;
import io.verso.delta.Op;
import io.verso.delta.Retain;
import io.verso.protocol.ErrorCode;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What an op may contain and how many parts it may have: the formats and embeds of the Quill editor
 * with value checks (no script-capable URL ever reaches a document) and count limits. Whether it
 * fits the document (positions, bytes) is {@link DocumentFit}'s.
 */
final class OpPolicy {
  private static final Pattern COLOR = Pattern.compile("#[0-9a-fA-F]{3,8}|[a-zA-Z]{1,24}"
      + "|rgba?\\(\\s*\\d{1,3}\\s*,\\s*\\d{1,3}\\s*,\\s*\\d{1,3}\\s*(,\\s*(0|1|0?\\.\\d+)\\s*)?\\)");
  private static final Pattern FONT = Pattern.compile("[a-zA-Z0-9 -]{1,32}");
  private static final Pattern SIZE = Pattern.compile("small|large|huge|\\d{1,3}px");
  private static final Pattern LANGUAGE = Pattern.compile("[a-zA-Z0-9+#_-]{1,24}");
  private static final Pattern DATA_IMAGE =
      Pattern.compile("data:image/(png|jpeg|gif|webp);base64,[A-Za-z0-9+/=]+");
  private static final Set<String> LINK_SCHEMES = Set.of("http", "https", "mailto", "tel");
  private static final Set<String> MEDIA_SCHEMES = Set.of("http", "https");
  private static final int MAX_URL = 2048;

  private final EditConfig config;

  OpPolicy(EditConfig config) {
    this.config = config;
  }

  /** Checks formats, embeds and the size of one op before it is transformed. */
  void checkContent(Delta op) {
    if (op.ops().size() > config.maxOpComponents()) {
      throw ErrorCode.TOO_LARGE.exception("op has more than " + config.maxOpComponents() + " components");
    }
    long inserted = 0;
    for (Op o : op.ops()) {
      if (o instanceof Insert ins) {
        inserted += ins.length();
        if (ins.embed() != null) {
          checkEmbed(ins.embed());
        }
        checkAttributes(ins.attributes());
      } else if (o instanceof Retain r) {
        checkAttributes(r.attributes());
      }
    }
    if (inserted > config.maxOpInsertChars()) {
      throw ErrorCode.TOO_LARGE.exception("op inserts more than " + config.maxOpInsertChars() + " characters");
    }
  }

  private static void checkEmbed(Map<String, Object> embed) {
    if (embed.size() != 1) {
      throw ErrorCode.INVALID_OP.exception("an embed has exactly one key");
    }
    Map.Entry<String, Object> e = embed.entrySet().iterator().next();
    if (!(e.getValue() instanceof String v)) {
      throw ErrorCode.INVALID_OP.exception("embed '" + e.getKey() + "' must be a string");
    }
    switch (e.getKey()) {
      case "image" -> {
        if (!DATA_IMAGE.matcher(v).matches() || v.length() > 1_000_000) {
          requireUrl(v, MEDIA_SCHEMES, "image");
        }
      }
      case "video" -> requireUrl(v, MEDIA_SCHEMES, "video");
      case "formula" -> {
        if (v.length() > 2000) {
          throw ErrorCode.INVALID_OP.exception("formula too long");
        }
      }
      default -> throw ErrorCode.INVALID_OP.exception("unknown embed '" + e.getKey() + "'");
    }
  }

  private static void checkAttributes(Map<String, Object> attributes) {
    if (attributes == null) {
      return;
    }
    for (Map.Entry<String, Object> a : attributes.entrySet()) {
      Object v = a.getValue();
      if (v == null) {
        continue; // removal
      }
      boolean ok = switch (a.getKey()) {
        case "bold", "italic", "underline", "strike", "code", "blockquote" -> v instanceof Boolean;
        case "code-block" -> v instanceof Boolean || (v instanceof String s && LANGUAGE.matcher(s).matches());
        case "script" -> "sub".equals(v) || "super".equals(v);
        case "link" -> v instanceof String s && isSafeUrl(s, LINK_SCHEMES);
        case "color", "background" -> v instanceof String s && COLOR.matcher(s).matches();
        case "font" -> v instanceof String s && FONT.matcher(s).matches();
        case "size" -> v instanceof String s && SIZE.matcher(s).matches();
        case "header" -> isIntIn(v, 1, 6);
        case "indent" -> isIntIn(v, 1, 8);
        case "list" -> v instanceof String s && Set.of("ordered", "bullet", "checked", "unchecked").contains(s);
        case "align" -> v instanceof String s && Set.of("left", "center", "right", "justify").contains(s);
        case "direction" -> "rtl".equals(v);
        case "width", "height" -> v instanceof String s && s.matches("\\d{1,4}(px|%)?");
        case "alt" -> v instanceof String s && s.length() <= 500;
        default -> throw ErrorCode.INVALID_OP.exception("unknown format '" + a.getKey() + "'");
      };
      if (!ok) {
        throw ErrorCode.INVALID_OP.exception("invalid value for format '" + a.getKey() + "'");
      }
    }
  }

  private static boolean isIntIn(Object v, int min, int max) {
    if (!(v instanceof Number n)) {
      return false;
    }
    double d = n.doubleValue();
    return d == Math.rint(d) && d >= min && d <= max;
  }

  private static void requireUrl(String url, Set<String> schemes, String what) {
    if (!isSafeUrl(url, schemes)) {
      throw ErrorCode.INVALID_OP.exception("unsafe or malformed " + what + " URL");
    }
  }

  /**
   * True for URLs a browser cannot turn into script: an allowed scheme, or no scheme at all
   * (relative). Browsers ignore ASCII whitespace and control characters inside a scheme
   * ("java\tscript:"), so they are removed before the check.
   */
  static boolean isSafeUrl(String url, Set<String> schemes) {
    if (url.isEmpty() || url.length() > MAX_URL) {
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

  private static int firstIndexOf(String s, String chars) {
    for (int i = 0; i < s.length(); i++) {
      if (chars.indexOf(s.charAt(i)) >= 0) {
        return i;
      }
    }
    return -1;
  }
}
