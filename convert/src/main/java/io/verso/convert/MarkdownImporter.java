package io.verso.convert;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.commonmark.ext.gfm.strikethrough.Strikethrough;
import org.commonmark.ext.gfm.strikethrough.StrikethroughExtension;
import org.commonmark.ext.gfm.tables.TableBlock;
import org.commonmark.ext.gfm.tables.TableCell;
import org.commonmark.ext.gfm.tables.TableRow;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.BlockQuote;
import org.commonmark.node.BulletList;
import org.commonmark.node.Code;
import org.commonmark.node.Emphasis;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.HardLineBreak;
import org.commonmark.node.Heading;
import org.commonmark.node.HtmlBlock;
import org.commonmark.node.HtmlInline;
import org.commonmark.node.Image;
import org.commonmark.node.IndentedCodeBlock;
import org.commonmark.node.Link;
import org.commonmark.node.ListItem;
import org.commonmark.node.Node;
import org.commonmark.node.OrderedList;
import org.commonmark.node.Paragraph;
import org.commonmark.node.SoftLineBreak;
import org.commonmark.node.StrongEmphasis;
import org.commonmark.node.Text;
import org.commonmark.node.ThematicBreak;
import org.commonmark.parser.Parser;

/**
 * Markdown (CommonMark with GitHub's tables, strikethrough and task lists) to a document, through
 * commonmark's parser. The inline HTML the exporter writes ({@code <u>}, {@code <sub>}, {@code <sup>},
 * {@code <strong>}, {@code <em>}, {@code <s>}) is read back; HTML blocks go through the HTML importer
 * (its sanitizing included); any other inline HTML is left out and reported.
 */
final class MarkdownImporter {
  private static final Parser PARSER = Parser.builder()
      .extensions(List.of(TablesExtension.create(), StrikethroughExtension.create()))
      .build();
  private static final Pattern TAG = Pattern.compile("<(/?)([a-zA-Z]+)\\s*/?>");
  private static final Pattern TASK = Pattern.compile("^\\[([ xX])\\](?: |$)");
  private static final Pattern LANGUAGE = Pattern.compile("[a-zA-Z0-9+#_-]{1,24}");

  private final DeltaWriter out;
  private final Map<String, Object> htmlFormats = new LinkedHashMap<>();
  private int listDepth;
  private int depth;

  private MarkdownImporter(DeltaWriter out) {
    this.out = out;
  }

  static ImportResult read(byte[] bytes, ConvertLimits limits, ImageStore images) {
    DeltaWriter out = new DeltaWriter(limits, images);
    new MarkdownImporter(out).blocks(PARSER.parse(utf8(bytes)), Map.of());
    return out.finish();
  }

  /** The text of a UTF-8 file (a BOM dropped); anything else is not a Markdown or text file. */
  static String utf8(byte[] bytes) {
    try {
      String s = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
      return s.startsWith("\uFEFF") ? s.substring(1) : s;
    } catch (CharacterCodingException e) {
      throw new ConvertException(ConvertException.Reason.FILE_MALFORMED, "the file is not UTF-8 text", e);
    }
  }

  private void blocks(Node parent, Map<String, Object> line) {
    if (depth >= HtmlImporter.MAX_DEPTH) {
      out.skip("content nested more than " + HtmlImporter.MAX_DEPTH + " blocks deep");
      return;
    }
    depth++;
    for (Node n = parent.getFirstChild(); n != null; n = n.getNext()) {
      block(n, line);
    }
    depth--;
  }

  private void block(Node n, Map<String, Object> line) {
    if (n instanceof Paragraph p) {
      paragraph(p, line);
    } else if (n instanceof Heading h) {
      Map<String, Object> l = new LinkedHashMap<>();
      l.put("header", h.getLevel());
      paragraph(h, l);
    } else if (n instanceof BlockQuote q) {
      blocks(q, with(line, "blockquote", true));
    } else if (n instanceof FencedCodeBlock c) {
      String info = c.getInfo() == null ? "" : c.getInfo().strip().split("\\s+")[0];
      code(c.getLiteral(), LANGUAGE.matcher(info).matches() ? info : Boolean.TRUE);
    } else if (n instanceof IndentedCodeBlock c) {
      code(c.getLiteral(), Boolean.TRUE);
    } else if (n instanceof BulletList || n instanceof OrderedList) {
      list(n, line);
    } else if (n instanceof ListItem li) {
      item(li, line);
    } else if (n instanceof ThematicBreak) {
      out.skip("horizontal rule");
    } else if (n instanceof HtmlBlock h) {
      HtmlImporter.fragment(h.getLiteral(), out);
    } else if (n instanceof TableBlock t) {
      table(t);
    } else {
      blocks(n, line);
    }
  }

  private void paragraph(Node p, Map<String, Object> line) {
    inlines(p, Map.of(), line);
    out.endLine(line);
  }

  private void code(String literal, Object language) {
    String body = literal.endsWith("\n") ? literal.substring(0, literal.length() - 1) : literal;
    for (String l : body.split("\n", -1)) {
      out.text(l, Map.of());
      out.endLine(Map.of("code-block", language));
    }
  }

  private void list(Node list, Map<String, Object> line) {
    listDepth++;
    blocks(list, line);
    listDepth--;
  }

  private void item(ListItem li, Map<String, Object> parentLine) {
    Map<String, Object> l = new LinkedHashMap<>();
    if (parentLine.containsKey("blockquote")) {
      out.skip("list inside a quote (kept as a list)");
    }
    l.put("list", li.getParent() instanceof OrderedList ? "ordered" : "bullet");
    if (listDepth > 1) {
      l.put("indent", Math.min(8, listDepth - 1));
    }
    if (li.getFirstChild() instanceof Paragraph p && p.getFirstChild() instanceof Text t) {
      Matcher m = TASK.matcher(t.getLiteral());
      if (m.find()) {
        l.put("list", m.group(1).equals(" ") ? "unchecked" : "checked");
        t.setLiteral(t.getLiteral().substring(m.end()));
      }
    }
    boolean first = true;
    for (Node n = li.getFirstChild(); n != null; n = n.getNext()) {
      if (n instanceof Paragraph p) {
        if (!first) {
          out.skip("second paragraph of a list item (a list item of its own)");
        }
        paragraph(p, l);
        first = false;
      } else {
        block(n, l);
      }
    }
    if (first) {
      out.endLine(l); // an empty item
    }
  }

  private void table(TableBlock t) {
    boolean asTable = out.allows("table");
    if (!asTable) {
      out.skip("table (kept as text, a row a line)");
    }
    for (Node section = t.getFirstChild(); section != null; section = section.getNext()) {
      for (Node row = section.getFirstChild(); row != null; row = row.getNext()) {
        if (!(row instanceof TableRow)) {
          continue;
        }
        String id = out.nextRowId();
        for (Node cell = row.getFirstChild(); cell != null; cell = cell.getNext()) {
          if (cell instanceof TableCell) {
            if (!asTable && cell.getPrevious() != null) {
              out.text("\t", Map.of());
            }
            inlines(cell, Map.of(), Map.of());
            if (asTable) {
              out.endLine(Map.of("table", id));
            }
          }
        }
        if (!asTable) {
          out.endLine(Map.of());
        }
      }
    }
  }

  private void inlines(Node parent, Map<String, Object> formats, Map<String, Object> line) {
    if (depth >= HtmlImporter.MAX_DEPTH) {
      out.skip("content nested more than " + HtmlImporter.MAX_DEPTH + " blocks deep");
      return;
    }
    depth++;
    for (Node n = parent.getFirstChild(); n != null; n = n.getNext()) {
      inline(n, formats, line);
    }
    depth--;
  }

  private void inline(Node n, Map<String, Object> formats, Map<String, Object> line) {
    if (n instanceof Text t) {
      out.text(t.getLiteral(), merged(formats));
    } else if (n instanceof Code c) {
      out.text(c.getLiteral(), with(merged(formats), "code", true));
    } else if (n instanceof SoftLineBreak) {
      out.text(" ", merged(formats));
    } else if (n instanceof HardLineBreak) {
      out.endLine(line);
    } else if (n instanceof Emphasis) {
      inlines(n, with(formats, "italic", true), line);
    } else if (n instanceof StrongEmphasis) {
      inlines(n, with(formats, "bold", true), line);
    } else if (n instanceof Strikethrough) {
      inlines(n, with(formats, "strike", true), line);
    } else if (n instanceof Link a) {
      inlines(a, with(formats, "link", a.getDestination()), line);
    } else if (n instanceof Image img) {
      Map<String, Object> attrs = merged(formats);
      attrs.put("alt", altText(img));
      out.image(img.getDestination(), attrs);
    } else if (n instanceof HtmlInline h) {
      html(h.getLiteral());
    } else {
      inlines(n, formats, line);
    }
  }

  /** The inline HTML tags the exporter writes for formats Markdown lacks; any other is reported. */
  private void html(String literal) {
    Matcher m = TAG.matcher(literal.strip());
    if (!m.matches()) {
      out.skip("inline HTML");
      return;
    }
    boolean open = m.group(1).isEmpty();
    String format;
    Object value = true;
    switch (m.group(2).toLowerCase(Locale.ROOT)) {
      case "u", "ins" -> format = "underline";
      case "strong", "b" -> format = "bold";
      case "em", "i" -> format = "italic";
      case "s", "del", "strike" -> format = "strike";
      case "sub" -> {
        format = "script";
        value = "sub";
      }
      case "sup" -> {
        format = "script";
        value = "super";
      }
      case "br" -> {
        out.text(" ", merged(Map.of()));
        return;
      }
      default -> {
        out.skip("inline HTML <" + m.group(2).toLowerCase(Locale.ROOT) + ">");
        return;
      }
    }
    if (open) {
      htmlFormats.put(format, value);
    } else {
      htmlFormats.remove(format);
    }
  }

  private Map<String, Object> merged(Map<String, Object> formats) {
    Map<String, Object> m = new LinkedHashMap<>(formats);
    m.putAll(htmlFormats);
    return m;
  }

  private static String altText(Node img) {
    StringBuilder sb = new StringBuilder();
    for (Node n = img.getFirstChild(); n != null; n = n.getNext()) {
      if (n instanceof Text t) {
        sb.append(t.getLiteral());
      } else {
        sb.append(altText(n));
      }
    }
    return sb.toString();
  }

  private static Map<String, Object> with(Map<String, Object> m, String k, Object v) {
    Map<String, Object> copy = new LinkedHashMap<>(m);
    copy.put(k, v);
    return copy;
  }
}
