package io.verso.convert;

import io.verso.delta.ContentBytes;
import io.verso.delta.Delta;
import io.verso.protocol.SafeUrl;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Builds an imported document the way the op policy would accept it: only the formats of the
 * limits' list, only safe URLs, images through the {@link ImageStore}, and no more than the
 * document limits (a larger result is refused, never cut). Everything left out is counted in the
 * report.
 */
final class DeltaWriter {
  private final ConvertLimits limits;
  private final ImageStore images;
  private final Delta.Builder delta = Delta.builder();
  private final Report skipped = new Report();
  private long chars;
  private long bytes;
  private boolean lineHasContent;
  private int tableRows;

  DeltaWriter(ConvertLimits limits, ImageStore images) {
    this.limits = limits;
    this.images = images;
  }

  boolean allows(String format) {
    return limits.allows(format);
  }

  /** Counts one piece of content left out or changed. */
  void skip(String what) {
    skipped.add(what);
  }

  boolean lineHasContent() {
    return lineHasContent;
  }

  /** Text of the current line; control characters go, a newline is the importer's to turn into a line. */
  void text(String text, Map<String, Object> formats) {
    StringBuilder sb = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\n' || c == '\r') {
        sb.append(' ');
      } else if (c >= 0x20 && c != 0x7f || c == '\t') {
        sb.append(c);
      }
    }
    if (sb.isEmpty()) {
      return;
    }
    Map<String, Object> attrs = inline(formats);
    add(sb.length(), ContentBytes.utf8(sb) + ContentBytes.PER_PART);
    delta.insert(sb.toString(), attrs.isEmpty() ? null : attrs);
    lineHasContent = true;
  }

  /** An image the file holds as bytes. */
  void image(byte[] data, String contentType, Map<String, Object> attrs) {
    Optional<String> url = images.store(data, contentType);
    if (url.isEmpty()) {
      skip("image too large or of an unsupported type");
      return;
    }
    embed(url.get(), attrs);
  }

  /** An image the file points to: a {@code data:} URL or a safe http(s) URL. */
  void image(String src, Map<String, Object> attrs) {
    if (src == null || src.isBlank()) {
      skip("image without a source");
      return;
    }
    if (src.regionMatches(true, 0, "data:", 0, 5)) {
      Optional<ImageSource.Image> img = DataUrls.decode(src);
      if (img.isEmpty()) {
        skip("image of an unsupported type");
        return;
      }
      image(img.get().bytes(), img.get().contentType(), attrs);
      return;
    }
    if (!SafeUrl.isSafe(src, SafeUrl.MEDIA_SCHEMES)) {
      skip("image with an unsafe URL");
      return;
    }
    if (!src.regionMatches(true, 0, "http://", 0, 7) && !src.regionMatches(true, 0, "https://", 0, 8)) {
      // relative to the file, which is not here; on this site it would point at Verso's own paths
      skip("image with a relative URL");
      return;
    }
    Optional<String> url = images.remote(src);
    if (url.isEmpty()) {
      skip("image from another site");
      return;
    }
    embed(url.get(), attrs);
  }

  private void embed(String url, Map<String, Object> attrs) {
    Map<String, Object> kept = new LinkedHashMap<>();
    if (attrs != null) {
      if (attrs.get("alt") instanceof String alt && !alt.isEmpty()) {
        kept.put("alt", alt.length() > 500 ? alt.substring(0, 500) : alt);
      }
      for (String dim : List.of("width", "height")) {
        if (attrs.get(dim) instanceof String d && d.matches("\\d{1,4}(px|%)?")) {
          kept.put(dim, d);
        }
      }
      Map<String, Object> fmt = inline(attrs);
      fmt.remove("alt");
      kept.putAll(fmt);
    }
    add(1, url.length() + 16L + ContentBytes.PER_PART);
    delta.insertEmbed(Map.of("image", url), kept.isEmpty() ? null : kept);
    lineHasContent = true;
  }

  /** Ends the current line with its line formats. */
  void endLine(Map<String, Object> lineFormats) {
    Map<String, Object> attrs = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : lineFormats.entrySet()) {
      if (e.getValue() != null) {
        if (limits.allows(e.getKey())) {
          attrs.put(e.getKey(), e.getValue());
        } else {
          skip("format '" + e.getKey() + "'");
        }
      }
    }
    add(1, 1 + ContentBytes.PER_PART);
    delta.insert("\n", attrs.isEmpty() ? null : attrs);
    lineHasContent = false;
  }

  /** A fresh row id for a table row ("row-…", like the editor's). */
  String nextRowId() {
    return "row-" + Integer.toString(++tableRows, 36);
  }

  ImportResult finish() {
    if (lineHasContent) {
      endLine(Map.of());
    }
    Delta d = delta.build();
    if (d.length() == 0) {
      d = Delta.builder().insert("\n").build();
    }
    return new ImportResult(d, skipped.lines());
  }

  private Map<String, Object> inline(Map<String, Object> formats) {
    Map<String, Object> attrs = new LinkedHashMap<>();
    if (formats == null) {
      return attrs;
    }
    for (Map.Entry<String, Object> e : formats.entrySet()) {
      String k = e.getKey();
      Object v = e.getValue();
      if (v == null || k.equals("width") || k.equals("height") || k.equals("alt")) {
        continue;
      }
      if (!limits.allows(k)) {
        skip("format '" + k + "'");
      } else if (k.equals("link") && !(v instanceof String s && SafeUrl.isSafeLink(s))) {
        skip("link with an unsafe URL");
      } else {
        attrs.put(k, v);
      }
    }
    return attrs;
  }

  private void add(long c, long b) {
    chars += c;
    bytes += b;
    if (chars > limits.maxDocChars() || bytes > limits.maxDocBytes()) {
      throw new ConvertException(ConvertException.Reason.RESULT_TOO_LARGE, "the imported document is over "
          + limits.maxDocChars() + " characters or " + limits.maxDocBytes() + " bytes");
    }
  }
}
