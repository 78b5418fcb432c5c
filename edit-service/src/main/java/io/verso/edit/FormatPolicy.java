package io.verso.edit;

import io.verso.protocol.ErrorCode;
import io.verso.protocol.RichTextFormats;
import io.verso.protocol.SafeUrl;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * What formats and embeds an op may carry: the names are the shared list ({@link RichTextFormats},
 * the one the browser app gives Quill), so nothing the app cannot render is ever accepted (422); the
 * values are checked here: no script-capable URL, only values Quill renders, and inline images up to
 * {@code edit.maxInlineImageBytes} of data URL (413 beyond: larger images are uploaded, and the op
 * carries their URL, which {@link ImageSources} checks).
 */
final class FormatPolicy {
  private static final Pattern COLOR = Pattern.compile("#[0-9a-fA-F]{3,8}|[a-zA-Z]{1,24}"
      + "|rgba?\\(\\s*\\d{1,3}\\s*,\\s*\\d{1,3}\\s*,\\s*\\d{1,3}\\s*(,\\s*(0|1|0?\\.\\d+)\\s*)?\\)");
  private static final Pattern LANGUAGE = Pattern.compile("[a-zA-Z0-9+#_-]{1,24}");
  private static final Pattern DIMENSION = Pattern.compile("\\d{1,4}(px|%)?");
  private static final Set<String> LINK_SCHEMES = SafeUrl.LINK_SCHEMES;
  private static final Set<String> MEDIA_SCHEMES = SafeUrl.MEDIA_SCHEMES;

  /**
   * The value check of every attribute of the shared list. The enumerations are the values Quill's
   * own attributors render (its font, size and align formats drop any other value, which would leave
   * the server's document and every page different).
   */
  private static final Map<String, Predicate<Object>> VALUES = Map.ofEntries(
      Map.entry("bold", FormatPolicy::isBoolean),
      Map.entry("italic", FormatPolicy::isBoolean),
      Map.entry("underline", FormatPolicy::isBoolean),
      Map.entry("strike", FormatPolicy::isBoolean),
      Map.entry("code", FormatPolicy::isBoolean),
      Map.entry("blockquote", FormatPolicy::isBoolean),
      Map.entry("code-block", v -> v instanceof Boolean || matches(LANGUAGE, v)),
      Map.entry("script", oneOf("sub", "super")),
      Map.entry("link", v -> v instanceof String s && isSafeUrl(s, LINK_SCHEMES)),
      Map.entry("color", v -> matches(COLOR, v)),
      Map.entry("background", v -> matches(COLOR, v)),
      Map.entry("font", oneOf("serif", "monospace")),
      Map.entry("size", oneOf("small", "large", "huge")),
      Map.entry("header", v -> isIntIn(v, 1, 6)),
      Map.entry("indent", v -> isIntIn(v, 1, 8)),
      Map.entry("list", oneOf("ordered", "bullet", "checked", "unchecked")),
      Map.entry("align", oneOf("center", "right", "justify")),
      Map.entry("direction", oneOf("rtl")),
      Map.entry("width", v -> matches(DIMENSION, v)),
      Map.entry("height", v -> matches(DIMENSION, v)),
      Map.entry("alt", v -> v instanceof String s && s.length() <= 500));

  static {
    // The shared list is the one in use: each name has its value check, and no check is left over.
    Set<String> listed = RichTextFormats.SHARED.attributes();
    if (!listed.equals(VALUES.keySet()) || !RichTextFormats.SHARED.embeds().equals(Set.of("image"))) {
      throw new IllegalStateException("the format list " + RichTextFormats.RESOURCE + " (" + listed + ", embeds "
          + RichTextFormats.SHARED.embeds() + ") and the value checks (" + VALUES.keySet() + ", image) differ");
    }
  }

  private final int maxInlineImageBytes;

  FormatPolicy(int maxInlineImageBytes) {
    this.maxInlineImageBytes = maxInlineImageBytes;
  }

  void checkEmbed(Map<String, Object> embed) {
    if (embed.size() != 1) {
      throw ErrorCode.INVALID_OP.exception("an embed has exactly one key");
    }
    Map.Entry<String, Object> e = embed.entrySet().iterator().next();
    if (!RichTextFormats.SHARED.embeds().contains(e.getKey())) {
      throw ErrorCode.INVALID_OP.exception("unknown embed '" + e.getKey() + "'");
    }
    if (!(e.getValue() instanceof String v)) {
      throw ErrorCode.INVALID_OP.exception("embed '" + e.getKey() + "' must be a string");
    }
    checkImage(v);
  }

  private void checkImage(String src) {
    if (!src.regionMatches(true, 0, "data:", 0, 5)) {
      if (!isSafeUrl(src, MEDIA_SCHEMES)) {
        throw ErrorCode.INVALID_OP.exception("unsafe or malformed image URL");
      }
      return;
    }
    if (src.length() > maxInlineImageBytes) {
      throw ErrorCode.TOO_LARGE.exception("inline image of " + src.length() + " bytes is over the limit of "
          + maxInlineImageBytes + " bytes (" + maxInlineImageBytes / 1024 + " KiB of data URL); "
          + "larger images cannot be stored in a document yet");
    }
    if (!SafeUrl.isInlineImage(src)) {
      throw ErrorCode.INVALID_OP.exception("an inline image must be a base64 PNG, JPEG, GIF or WebP data URL");
    }
  }

  void checkAttributes(Map<String, Object> attributes) {
    if (attributes == null) {
      return;
    }
    for (Map.Entry<String, Object> a : attributes.entrySet()) {
      Predicate<Object> valid = VALUES.get(a.getKey());
      if (valid == null) {
        throw ErrorCode.INVALID_OP.exception("unknown format '" + a.getKey() + "'");
      }
      // null removes a format
      if (a.getValue() != null && !valid.test(a.getValue())) {
        throw ErrorCode.INVALID_OP.exception("invalid value for format '" + a.getKey() + "'");
      }
    }
  }

  private static boolean isBoolean(Object v) {
    return v instanceof Boolean;
  }

  private static boolean matches(Pattern p, Object v) {
    return v instanceof String s && p.matcher(s).matches();
  }

  private static Predicate<Object> oneOf(String... values) {
    Set<String> allowed = Set.of(values);
    return v -> v instanceof String s && allowed.contains(s);
  }

  private static boolean isIntIn(Object v, int min, int max) {
    if (!(v instanceof Number n)) {
      return false;
    }
    double d = n.doubleValue();
    return d == Math.rint(d) && d >= min && d <= max;
  }

  /** The shared rule ({@link SafeUrl}): an allowed scheme, or a relative URL. */
  static boolean isSafeUrl(String url, Set<String> schemes) {
    return SafeUrl.isSafe(url, schemes);
  }
}
