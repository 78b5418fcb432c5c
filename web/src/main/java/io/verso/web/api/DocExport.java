package io.verso.web.api;

import io.verso.delta.Delta;
import io.verso.delta.Insert;
import io.verso.delta.Op;
import io.verso.protocol.ErrorCode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Renders a document (a delta of inserts, Quill's model: line attributes sit on the {@code "\n"}
 * that ends the line) as HTML, Markdown or plain text. Only known formats are rendered (headers,
 * lists, quotes, code blocks, tables ({@link ExportTable}), bold, italic, underline, strike, inline
 * code, links, images); every
 * other attribute is dropped, text is escaped, and only http(s)/mailto links and http(s) or raster
 * {@code data:} images survive, so an export can never carry script.
 */
public final class DocExport {
  /** An export format of {@code GET /api/docs/{id}/export?format=…}. */
  public enum Format {
    HTML("html", "text/html; charset=utf-8"),
    MD("md", "text/markdown; charset=utf-8"),
    TXT("txt", "text/plain; charset=utf-8");

    private final String extension;
    private final String contentType;

    Format(String extension, String contentType) {
      this.extension = extension;
      this.contentType = contentType;
    }

    public String extension() {
      return extension;
    }

    public String contentType() {
      return contentType;
    }

    /** The format named by the query parameter; BAD_REQUEST for anything else. */
    public static Format of(String name) {
      for (Format f : values()) {
        if (f.extension.equals(name)) {
          return f;
        }
      }
      throw ErrorCode.BAD_REQUEST.exception("format must be html, md, txt, docx or pdf");
    }
  }

  private static final Pattern SAFE_LINK = Pattern.compile("(?i)(https?://|mailto:)[^\\s\\x00-\\x1f]*");
  private static final Pattern SAFE_IMAGE = Pattern.compile(
      "(?i)(https?://[^\\s\\x00-\\x1f]*|data:image/(png|jpeg|gif|webp);base64,[A-Za-z0-9+/=]*)");

  record Segment(String text, Map<String, Object> embed, Map<String, Object> attrs) {}

  record Line(List<Segment> segments, Map<String, Object> attrs) {
    Object attr(String name) {
      return attrs == null ? null : attrs.get(name);
    }
  }

  private static final io.verso.convert.Converters MARKDOWN = io.verso.convert.Converters.withDefaults();

  private DocExport() {}

  public static String render(Delta document, String title, Format format) {
    List<Line> lines = lines(document);
    return switch (format) {
      case HTML -> html(lines, title, "");
      // the convert module's CommonMark-rendered export (blank lines between blocks, escaping only where
      // needed, nested lists and checklists kept) replaces the hand-written one
      case MD -> new String(MARKDOWN.export(io.verso.convert.DocFormat.MARKDOWN, document, title, io.verso.convert.ImageSource.DATA_URLS)
          .bytes(), java.nio.charset.StandardCharsets.UTF_8);
      case TXT -> text(lines);
    };
  }

  /** HTML with the comment marks {@code marked} carries ({@link CommentMarks}) and {@code end} (a section) last in the body. */
  public static String html(Delta marked, String title, String end) {
    return html(lines(marked), title, end);
  }

  /** Splits the document into lines; the attributes of each line are those of its newline. */
  private static List<Line> lines(Delta doc) {
    List<Line> lines = new ArrayList<>();
    List<Segment> current = new ArrayList<>();
    for (Op op : doc.ops()) {
      if (!(op instanceof Insert ins)) {
        continue;
      }
      if (ins.isEmbed()) {
        current.add(new Segment(null, ins.embed(), ins.attributes()));
        continue;
      }
      String t = ins.text();
      int start = 0;
      for (int nl = t.indexOf('\n'); nl >= 0; nl = t.indexOf('\n', start)) {
        if (nl > start) {
          current.add(new Segment(t.substring(start, nl), null, ins.attributes()));
        }
        lines.add(new Line(current, ins.attributes()));
        current = new ArrayList<>();
        start = nl + 1;
      }
      if (start < t.length()) {
        current.add(new Segment(t.substring(start), null, ins.attributes()));
      }
    }
    if (!current.isEmpty()) {
      lines.add(new Line(current, null));
    }
    return lines;
  }

  // ---------------------------------------------------------------- text

  private static String text(List<Line> lines) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < lines.size(); i++) {
      if (ExportTable.starts(lines.get(i))) {
        i = ExportTable.text(lines, i, sb, DocExport::plainText) - 1;
        continue;
      }
      sb.append(plainText(lines.get(i))).append('\n');
    }
    return sb.toString();
  }

  private static String plainText(Line line) {
    StringBuilder sb = new StringBuilder();
    line.segments().forEach(s -> sb.append(s.text() == null ? "" : s.text()));
    return sb.toString();
  }

  // ---------------------------------------------------------------- html

  private static String html(List<Line> lines, String title, String end) {
    StringBuilder sb = new StringBuilder("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>")
        .append(escape(title)).append("</title></head><body>\n");
    String openList = null;
    boolean inCode = false;
    for (int i = 0; i < lines.size(); i++) {
      Line line = lines.get(i);
      String list = listTag(line);
      boolean code = line.attr("code-block") != null;
      if (openList != null && !openList.equals(list)) {
        sb.append("</").append(openList).append(">\n");
        openList = null;
      }
      if (inCode && !code) {
        sb.append("</code></pre>\n");
        inCode = false;
      }
      if (ExportTable.starts(line)) {
        i = ExportTable.html(lines, i, sb, DocExport::htmlInline) - 1;
        continue;
      }
      if (code) {
        if (!inCode) {
          sb.append("<pre><code>");
          inCode = true;
        }
        line.segments().forEach(s -> sb.append(s.text() == null ? "" : CommentMarks.wrap(s.attrs(), escape(s.text()))));
        sb.append('\n');
        continue;
      }
      if (list != null && openList == null) {
        sb.append('<').append(list).append(">\n");
        openList = list;
      }
      String tag = list != null ? "li" : headerLevel(line) > 0 ? "h" + headerLevel(line)
          : line.attr("blockquote") != null ? "blockquote" : "p";
      sb.append('<').append(tag).append('>');
      sb.append(line.segments().isEmpty() ? "<br>" : htmlInline(line)).append("</").append(tag).append(">\n");
    }
    if (openList != null) {
      sb.append("</").append(openList).append(">\n");
    }
    if (inCode) {
      sb.append("</code></pre>\n");
    }
    return sb.append(end).append("</body></html>\n").toString();
  }

  /** A line's text and inline formats as HTML. */
  private static String htmlInline(Line line) {
    StringBuilder sb = new StringBuilder();
    line.segments().forEach(s -> sb.append(htmlInline(s)));
    return sb.toString();
  }

  private static String htmlInline(Segment s) {
    if (s.embed() != null) {
      String image = stringAttr(s.embed(), "image");
      return image != null && SAFE_IMAGE.matcher(image).matches()
          ? CommentMarks.wrap(s.attrs(), "<img src=\"" + escape(image) + "\" alt=\"\">") : "";
    }
    Map<String, Object> a = s.attrs();
    String out = escape(s.text());
    String[][] wraps = {{"code", "code"}, {"strike", "s"}, {"underline", "u"}, {"italic", "em"}, {"bold", "strong"}};
    for (String[] w : wraps) {
      if (isOn(a, w[0])) {
        out = "<" + w[1] + ">" + out + "</" + w[1] + ">";
      }
    }
    String link = stringAttr(a, "link");
    if (link != null && SAFE_LINK.matcher(link).matches()) {
      out = "<a href=\"" + escape(link) + "\" rel=\"noopener noreferrer nofollow\">" + out + "</a>";
    }
    return CommentMarks.wrap(a, out);
  }

  private static String listTag(Line line) {
    Object list = line.attr("list");
    return "ordered".equals(list) ? "ol" : list instanceof String ? "ul" : null;
  }

  static String escape(String s) {
    StringBuilder sb = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> sb.append("&amp;");
        case '<' -> sb.append("&lt;");
        case '>' -> sb.append("&gt;");
        case '"' -> sb.append("&quot;");
        case '\'' -> sb.append("&#39;");
        default -> sb.append(c);
      }
    }
    return sb.toString();
  }

  // ---------------------------------------------------------------- attributes

  private static int headerLevel(Line line) {
    return line.attr("header") instanceof Number n && n.intValue() >= 1 && n.intValue() <= 6 ? n.intValue() : 0;
  }

  private static boolean isOn(Map<String, Object> attrs, String name) {
    return attrs != null && Boolean.TRUE.equals(attrs.get(name));
  }

  private static String stringAttr(Map<String, Object> attrs, String name) {
    return attrs != null && attrs.get(name) instanceof String s ? s.strip() : null;
  }

  /** A safe file name for Content-Disposition: ASCII letters, digits, space, '.', '_' and '-'. */
  static String fileName(String title, Format format) {
    return fileName(title, format.extension());
  }

  /** A safe file name for {@code title} with the extension {@code extension}. */
  static String fileName(String title, String extension) {
    StringBuilder sb = new StringBuilder();
    for (char c : title.toCharArray()) {
      sb.append(c < 128 && (Character.isLetterOrDigit(c) || c == ' ' || c == '.' || c == '_' || c == '-') ? c : '_');
    }
    String base = sb.toString().strip();
    return (base.isEmpty() ? "document" : base) + "." + extension.toLowerCase(Locale.ROOT);
  }
}
