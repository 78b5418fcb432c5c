package io.verso.convert;

import io.verso.delta.Delta;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import javax.imageio.ImageIO;

/**
 * Random documents within what a format carries (its "profile"): the round-trip property tests
 * export them, import the file and expect the same document. What each profile leaves out is the
 * normalization documented in docs/convert.md.
 */
final class RandomDocs {
  /** What a format keeps: inline and line formats, empty lines, code languages, remote images. */
  record Profile(Set<String> inline, Set<String> line, boolean emptyLines, boolean codeLanguage,
                 boolean remoteImages, boolean underlinedLinks) {}

  static final Profile HTML = new Profile(
      Set.of("bold", "italic", "underline", "strike", "code", "link", "script", "color", "background", "font", "size"),
      Set.of("header", "blockquote", "code-block", "list", "indent", "align", "direction", "table", "image"),
      true, true, true, true);
  static final Profile MARKDOWN = new Profile(
      Set.of("bold", "italic", "underline", "strike", "code", "link", "script"),
      Set.of("header", "blockquote", "code-block", "list", "table", "image"), false, true, true, true);
  static final Profile DOCX = new Profile(
      Set.of("bold", "italic", "underline", "strike", "code", "link", "script", "color", "background", "font", "size"),
      Set.of("header", "blockquote", "code-block", "list", "indent", "align", "direction", "table", "image"),
      true, false, false, false);

  private static final String[] WORDS = {"hello", "wörld", "日本語", "😀", "שלום", "مرحبا", "naïve", "a.b", "x-y",
      "1.", "#tag", "*star*", "_under_", "[br]", "<tag>", "&amp;", "back\\slash", "`tick`", "a|b", "+plus", "~tilde~",
      "100%", "\"quoted\"", "don't", "Ünïcödé", "🎉🎉", "e=mc²", "!bang", "(paren)", "end."};
  private static final String[] LINKS = {"https://example.com/p?q=1&r=2", "mailto:someone@example.com",
      "https://example.org/a_b/(c)", "/docs/relative"};
  private static final String[] COLORS = {"#e60000", "#0066cc", "#008a00", "#9933ff"};
  static final String PNG = dataUrl();

  private final Random random;
  private final Profile profile;
  private int rows;

  RandomDocs(long seed, Profile profile) {
    this.random = new Random(seed);
    this.profile = profile;
  }

  Delta next() {
    rows = 0;
    Delta.Builder d = Delta.builder();
    int blocks = 1 + random.nextInt(8);
    String previous = "";
    for (int b = 0; b < blocks; b++) {
      String kind = pick("paragraph", "header", "blockquote", "code-block", "list", "table");
      if (!kind.equals("paragraph") && !profile.line().contains(kind) || kind.equals(previous)) {
        kind = "paragraph";
      }
      switch (kind) {
        case "header" -> line(d, Map.of("header", 1 + random.nextInt(6)), true);
        case "blockquote" -> {
          for (int i = 0, n = 1 + random.nextInt(3); i < n; i++) {
            line(d, Map.of("blockquote", true), true);
          }
        }
        case "code-block" -> {
          Object lang = profile.codeLanguage() && random.nextBoolean() ? pick("java", "js", "c++") : Boolean.TRUE;
          for (int i = 0, n = 1 + random.nextInt(3); i < n; i++) {
            d.insert(random.nextInt(5) == 0 ? "" : words(1 + random.nextInt(4)));
            d.insert("\n", Map.of("code-block", lang));
          }
        }
        case "list" -> list(d);
        case "table" -> table(d);
        default -> {
          Map<String, Object> attrs = new LinkedHashMap<>();
          lineExtras(attrs, true);
          if (profile.emptyLines() && random.nextInt(6) == 0) {
            d.insert("\n", attrs.isEmpty() ? null : attrs);
          } else {
            line(d, attrs, true);
          }
        }
      }
      previous = kind;
    }
    return d.build();
  }

  private void lineExtras(Map<String, Object> attrs, boolean indent) {
    if (profile.line().contains("align") && random.nextInt(5) == 0) {
      attrs.put("align", pick("center", "right", "justify"));
    }
    if (profile.line().contains("direction") && random.nextInt(6) == 0) {
      attrs.put("direction", "rtl");
    }
    if (indent && profile.line().contains("indent") && attrs.isEmpty() && random.nextInt(6) == 0) {
      attrs.put("indent", 1 + random.nextInt(3));
    }
  }

  private void list(Delta.Builder d) {
    int level = 0;
    for (int i = 0, n = 1 + random.nextInt(6); i < n; i++) {
      level = i == 0 ? 0 : Math.max(0, Math.min(level + 1, level + random.nextInt(3) - 1));
      Map<String, Object> attrs = new LinkedHashMap<>();
      attrs.put("list", pick("bullet", "ordered", "checked", "unchecked"));
      if (level > 0) {
        attrs.put("indent", level);
      }
      line(d, attrs, false);
    }
  }

  private void table(Delta.Builder d) {
    int columns = 1 + random.nextInt(3);
    for (int r = 0, n = 1 + random.nextInt(3); r < n; r++) {
      String id = "row-" + Integer.toString(++rows, 36);
      for (int c = 0; c < columns; c++) {
        inlineRuns(d, 1 + random.nextInt(3));
        d.insert("\n", Map.of("table", id));
      }
    }
  }

  private void line(Delta.Builder d, Map<String, Object> lineAttrs, boolean image) {
    Map<String, Object> attrs = new LinkedHashMap<>(lineAttrs);
    inlineRuns(d, 1 + random.nextInt(5));
    if (image && profile.line().contains("image") && random.nextInt(5) == 0) {
      d.insert(" ");
      String src = profile.remoteImages() && random.nextBoolean() ? "https://example.com/i.png" : PNG;
      Map<String, Object> alt = random.nextBoolean() ? Map.of("alt", "a picture") : null;
      d.insertEmbed(Map.of("image", src), alt);
    }
    d.insert("\n", attrs.isEmpty() ? null : attrs);
  }

  private String words(int n) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < n; i++) {
      sb.append(i > 0 ? " " : "").append(WORDS[random.nextInt(WORDS.length)]);
    }
    return sb.toString();
  }

  private void inlineRuns(Delta.Builder d, int words) {
    for (int w = 0; w < words; w++) {
      if (w > 0) {
        d.insert(" ");
      }
      d.insert(WORDS[random.nextInt(WORDS.length)], inline());
    }
  }

  private Map<String, Object> inline() {
    Map<String, Object> a = new LinkedHashMap<>();
    if (random.nextInt(3) > 0) {
      return null;
    }
    if (profile.inline().contains("code") && random.nextInt(6) == 0) {
      return Map.of("code", true);
    }
    for (String f : List.of("bold", "italic", "underline", "strike")) {
      if (profile.inline().contains(f) && random.nextInt(3) == 0) {
        a.put(f, true);
      }
    }
    if (profile.inline().contains("link") && random.nextInt(4) == 0) {
      a.put("link", pick(LINKS));
      if (!profile.underlinedLinks()) {
        a.remove("underline");
      }
    }
    if (profile.inline().contains("script") && random.nextInt(6) == 0) {
      a.put("script", pick("sub", "super"));
    }
    if (profile.inline().contains("color") && random.nextInt(5) == 0 && !a.containsKey("link")) {
      a.put("color", pick(COLORS));
    }
    if (profile.inline().contains("background") && random.nextInt(6) == 0) {
      a.put("background", pick(COLORS));
    }
    if (profile.inline().contains("font") && random.nextInt(6) == 0) {
      a.put("font", pick("serif", "monospace"));
    }
    if (profile.inline().contains("size") && random.nextInt(6) == 0) {
      a.put("size", pick("small", "large", "huge"));
    }
    return a.isEmpty() ? null : a;
  }

  @SafeVarargs
  private <T> T pick(T... values) {
    return values[random.nextInt(values.length)];
  }

  private static String dataUrl() {
    BufferedImage img = new BufferedImage(3, 2, BufferedImage.TYPE_INT_RGB);
    img.setRGB(1, 1, 0xff0000);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ImageIO.write(img, "png", out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return DataUrls.encode(out.toByteArray(), "image/png");
  }

  static List<Delta> many(long seed, Profile profile, int n) {
    RandomDocs docs = new RandomDocs(seed, profile);
    List<Delta> list = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      list.add(docs.next());
    }
    return list;
  }
}
