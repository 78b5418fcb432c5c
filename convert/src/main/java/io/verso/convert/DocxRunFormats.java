package io.verso.convert;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.poi.xwpf.usermodel.UnderlinePatterns;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFHyperlink;
import org.apache.poi.xwpf.usermodel.XWPFHyperlinkRun;
import org.apache.poi.xwpf.usermodel.XWPFRun;
import org.apache.poi.xwpf.usermodel.XWPFStyle;
import org.openxmlformats.schemas.officeDocument.x2006.sharedTypes.STVerticalAlignRun;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTRPr;

/**
 * A Word run's formats as the editor's inline formats: direct formatting, the character styles
 * with a format (Verbatim/Code, Strong, Emphasis), hyperlinks, and the font families and sizes
 * the editor has a value for. Black text and Word's hyperlink blue are no color.
 */
final class DocxRunFormats {
  private final XWPFDocument doc;
  private final DeltaWriter out;

  DocxRunFormats(XWPFDocument doc, DeltaWriter out) {
    this.doc = doc;
    this.out = out;
  }

  /** A style's name in lower case ("heading 1"), its id when it has none; "" for no style. */
  static String styleName(XWPFDocument doc, String id) {
    if (id == null) {
      return "";
    }
    XWPFStyle s = doc.getStyles() == null ? null : doc.getStyles().getStyle(id);
    String name = s != null && s.getName() != null ? s.getName() : id;
    name = name.toLowerCase(Locale.ROOT).replaceAll("([a-z])([0-9])", "$1 $2");
    return name;
  }

  Map<String, Object> of(XWPFRun run) {
    Map<String, Object> f = new LinkedHashMap<>();
    if (run instanceof XWPFHyperlinkRun h) {
      XWPFHyperlink link = h.getHyperlink(doc);
      if (link != null && link.getURL() != null && !link.getURL().isBlank()) {
        f.put("link", link.getURL().strip());
      } else if (h.getAnchor() != null) {
        out.skip("links inside the document");
      }
    }
    if (run.isBold()) {
      f.put("bold", true);
    }
    if (run.isItalic()) {
      f.put("italic", true);
    }
    if (run.getUnderline() != null && run.getUnderline() != UnderlinePatterns.NONE && !f.containsKey("link")) {
      f.put("underline", true);
    }
    if (run.isStrikeThrough() || run.isDoubleStrikeThrough()) {
      f.put("strike", true);
    }
    STVerticalAlignRun.Enum va = run.getVerticalAlignment();
    if (va == STVerticalAlignRun.SUPERSCRIPT) {
      f.put("script", "super");
    } else if (va == STVerticalAlignRun.SUBSCRIPT) {
      f.put("script", "sub");
    }
    String charStyle = styleName(doc, run.getStyle());
    if (charStyle.contains("verbatim") || charStyle.contains("code") || charStyle.contains("source text")) {
      f.put("code", true);
    } else if (charStyle.equals("strong") || charStyle.equals("strong emphasis")) {
      f.put("bold", true);
    } else if (charStyle.equals("emphasis")) {
      f.put("italic", true);
    }
    String color = run.getColor();
    if (color != null && color.matches("[0-9A-Fa-f]{6}") && !color.equals("000000")
        && !(f.containsKey("link") && color.equalsIgnoreCase("0563C1"))) {
      f.put("color", "#" + color.toLowerCase(Locale.ROOT));
    }
    CTRPr rpr = run.getCTR().getRPr();
    String fill = rpr != null && rpr.sizeOfShdArray() > 0 && rpr.getShdArray(0).isSetFill()
        ? rpr.getShdArray(0).xgetFill().getStringValue() : null;
    if (fill != null && fill.matches("[0-9A-Fa-f]{6}") && !fill.equalsIgnoreCase("FFFFFF")) {
      f.put("background", "#" + fill.toLowerCase(Locale.ROOT));
    } else if (run.isHighlighted() && run.getTextHighlightColor() != null) {
      String hex = highlight(run.getTextHighlightColor().toString());
      if (hex != null) {
        f.put("background", hex);
      }
    }
    String font = run.getFontFamily();
    if (font != null && !f.containsKey("code")) {
      String lower = font.toLowerCase(Locale.ROOT);
      if (lower.contains("mono") || lower.contains("courier") || lower.contains("consolas")) {
        f.put("font", "monospace");
      } else if (lower.contains("times") || lower.contains("georgia") || lower.contains("serif")
          && !lower.contains("sans")) {
        f.put("font", "serif");
      }
    }
    Double size = run.getFontSizeAsDouble();
    if (size != null) {
      if (size <= 9) {
        f.put("size", "small");
      } else if (size >= 23) {
        f.put("size", "huge");
      } else if (size >= 14) {
        f.put("size", "large");
      }
    }
    return f;
  }

  private static String highlight(String name) {
    return switch (name) {
      case "yellow" -> "#ffff00";
      case "green" -> "#00ff00";
      case "cyan" -> "#00ffff";
      case "magenta" -> "#ff00ff";
      case "blue" -> "#0000ff";
      case "red" -> "#ff0000";
      case "lightGray" -> "#c0c0c0";
      case "darkGray" -> "#808080";
      default -> null;
    };
  }
}
