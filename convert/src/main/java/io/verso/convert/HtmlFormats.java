package io.verso.convert;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.nodes.Element;

/**
 * The formats an HTML element's classes, {@code dir}, {@code align} and style properties carry:
 * Quill's {@code ql-*} classes and the few CSS properties with an editor format; any other value is
 * ignored, so no style reaches the document.
 */
final class HtmlFormats {
  private static final Pattern INDENT_CLASS = Pattern.compile("ql-indent-([1-8])");
  private static final Pattern LANGUAGE = Pattern.compile("[a-zA-Z0-9+#_-]{1,24}");
  private static final Pattern HEX = Pattern.compile("#[0-9a-fA-F]{3}|#[0-9a-fA-F]{6}");
  private static final Pattern RGB =
      Pattern.compile("rgba?\\(\\s*(\\d{1,3})\\s*,\\s*(\\d{1,3})\\s*,\\s*(\\d{1,3})\\s*(,\\s*([0-9.]+)\\s*)?\\)");

  private HtmlFormats() {}

  /** The line formats an element sets on top of its parent's. */
  static Map<String, Object> lineOf(Element e, Map<String, Object> parent) {
    Map<String, Object> l = new LinkedHashMap<>(parent);
    String style = e.attr("style").toLowerCase(Locale.ROOT);
    String align = null;
    for (String a : new String[] {"center", "right", "justify"}) {
      if (e.hasClass("ql-align-" + a) || style.matches(".*text-align\\s*:\\s*" + a + ".*")
          || e.attr("align").equalsIgnoreCase(a)) {
        align = a;
      }
    }
    if (align != null) {
      l.put("align", align);
    }
    if (e.attr("dir").equalsIgnoreCase("rtl") || e.hasClass("ql-direction-rtl")) {
      l.put("direction", "rtl");
    }
    Matcher m = INDENT_CLASS.matcher(e.className());
    if (m.find()) {
      l.put("indent", Integer.parseInt(m.group(1)));
    }
    return l;
  }

  static Object language(Element pre) {
    String lang = pre.attr("data-language");
    Element code = pre.selectFirst("code[class]");
    if (lang.isEmpty() && code != null) {
      for (String c : code.classNames()) {
        if (c.startsWith("language-")) {
          lang = c.substring(9);
        }
      }
    }
    return LANGUAGE.matcher(lang).matches() && !lang.equals("plain") ? lang : Boolean.TRUE;
  }

  static void styles(Element e, Map<String, Object> f) {
    for (String c : e.classNames()) {
      switch (c) {
        case "ql-font-serif" -> f.put("font", "serif");
        case "ql-font-monospace" -> f.put("font", "monospace");
        case "ql-size-small" -> f.put("size", "small");
        case "ql-size-large" -> f.put("size", "large");
        case "ql-size-huge" -> f.put("size", "huge");
        default -> { }
      }
    }
    for (String decl : e.attr("style").split(";")) {
      int colon = decl.indexOf(':');
      if (colon < 0) {
        continue;
      }
      String k = decl.substring(0, colon).strip().toLowerCase(Locale.ROOT);
      String v = decl.substring(colon + 1).strip().toLowerCase(Locale.ROOT);
      switch (k) {
        case "font-weight" -> put(f, "bold", v.equals("bold") || v.equals("bolder") || v.matches("[6-9]00"));
        case "font-style" -> put(f, "italic", v.equals("italic") || v.equals("oblique"));
        case "text-decoration", "text-decoration-line" -> {
          if (v.contains("underline")) {
            f.put("underline", true);
          }
          if (v.contains("line-through")) {
            f.put("strike", true);
          }
        }
        case "color" -> {
          color(f, "color", v);
          if ("#000000".equals(f.get("color")) || "#000".equals(f.get("color"))) {
            f.remove("color"); // the default text color, which Google Docs and Word write on every span
          }
        }
        case "background-color", "background" -> color(f, "background", v);
        case "font-family" -> {
          if (v.contains("mono") || v.contains("courier") || v.contains("consolas")) {
            f.put("font", "monospace");
          }
        }
        case "vertical-align" -> {
          if (v.equals("super")) {
            f.put("script", "super");
          } else if (v.equals("sub")) {
            f.put("script", "sub");
          }
        }
        default -> { }
      }
    }
  }

  private static void put(Map<String, Object> f, String k, boolean on) {
    if (on) {
      f.put(k, true);
    } else {
      f.remove(k);
    }
  }

  private static void color(Map<String, Object> f, String k, String v) {
    Matcher rgb = RGB.matcher(v);
    if (HEX.matcher(v).matches()) {
      f.put(k, v);
    } else if (rgb.matches() && (rgb.group(5) == null || !rgb.group(5).matches("0*\\.?0*"))) {
      f.put(k, String.format("#%02x%02x%02x", Math.min(255, Integer.parseInt(rgb.group(1))),
          Math.min(255, Integer.parseInt(rgb.group(2))), Math.min(255, Integer.parseInt(rgb.group(3)))));
    }
  }
}
