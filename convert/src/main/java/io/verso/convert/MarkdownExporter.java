package io.verso.convert;

import io.verso.delta.Delta;
import io.verso.protocol.SafeUrl;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import org.commonmark.ext.gfm.strikethrough.Strikethrough;
import org.commonmark.ext.gfm.strikethrough.StrikethroughExtension;
import org.commonmark.ext.gfm.tables.TableBlock;
import org.commonmark.ext.gfm.tables.TableBody;
import org.commonmark.ext.gfm.tables.TableCell;
import org.commonmark.ext.gfm.tables.TableHead;
import org.commonmark.ext.gfm.tables.TableRow;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.BlockQuote;
import org.commonmark.node.BulletList;
import org.commonmark.node.Code;
import org.commonmark.node.Document;
import org.commonmark.node.Emphasis;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.Heading;
import org.commonmark.node.HtmlInline;
import org.commonmark.node.Image;
import org.commonmark.node.Link;
import org.commonmark.node.ListBlock;
import org.commonmark.node.ListItem;
import org.commonmark.node.Node;
import org.commonmark.node.OrderedList;
import org.commonmark.node.Paragraph;
import org.commonmark.node.StrongEmphasis;
import org.commonmark.node.Text;
import org.commonmark.renderer.markdown.MarkdownRenderer;

/**
 * A document as CommonMark with GitHub's tables, strikethrough and task lists, written by
 * commonmark's {@link MarkdownRenderer} from a node tree (so blocks are separated by a blank line
 * and only what would change the meaning is escaped). Markdown has no underline, sub/superscript:
 * they are written as the inline HTML {@code <u>}, {@code <sub>}, {@code <sup>}, which CommonMark
 * keeps and the importer reads; emphasis whose delimiters cannot open or close at that place
 * (next to punctuation inside a word) is written as {@code <strong>}, {@code <em>}, {@code <s>}.
 * Colors, fonts, sizes, alignment, direction and empty lines have no Markdown and are reported.
 */
final class MarkdownExporter {
  private static final MarkdownRenderer RENDERER = MarkdownRenderer.builder()
      .extensions(List.of(TablesExtension.create(), StrikethroughExtension.create()))
      .nodeRendererFactory(new TaskMarker.Renderer())
      .build();
  private static final List<String> LOST_INLINE = List.of("color", "background", "font", "size");
  private static final List<String> LOST_LINE = List.of("align", "direction");

  private final Report lost = new Report();

  private MarkdownExporter() {}

  static ExportResult export(Delta doc) {
    MarkdownExporter e = new MarkdownExporter();
    Document md = new Document();
    for (Block b : Blocks.of(doc)) {
      e.block(md, b);
    }
    String text = RENDERER.render(md);
    return new ExportResult(text.getBytes(StandardCharsets.UTF_8), "text/markdown; charset=utf-8", e.lost.lines());
  }

  private void block(Node parent, Block block) {
    if (block instanceof Block.Paragraph p) {
      int h = p.line().intAttr("header");
      if (p.line().runs().isEmpty()) {
        lost.add("empty line");
        return;
      }
      lineFormats(p.line(), true);
      if (h >= 1 && h <= 6) {
        Heading heading = new Heading();
        heading.setLevel(h);
        inlines(heading, p.line().runs());
        parent.appendChild(heading);
      } else {
        parent.appendChild(paragraph(p.line()));
      }
    } else if (block instanceof Block.Quote q) {
      BlockQuote quote = new BlockQuote();
      for (Line l : q.lines()) {
        lineFormats(l, true);
        if (l.runs().isEmpty()) {
          lost.add("empty line");
        } else {
          quote.appendChild(paragraph(l));
        }
      }
      parent.appendChild(quote);
    } else if (block instanceof Block.Code c) {
      FencedCodeBlock code = new FencedCodeBlock();
      code.setInfo(c.language().equals("plain") ? "" : c.language());
      StringBuilder sb = new StringBuilder();
      c.lines().forEach(l -> sb.append(l.text()).append('\n'));
      code.setLiteral(sb.toString());
      code.setFenceCharacter("`");
      code.setOpeningFenceLength(fence(sb));
      code.setClosingFenceLength(fence(sb));
      parent.appendChild(code);
    } else if (block instanceof Block.ListBlock l) {
      list(parent, ListTree.of(l.items()));
    } else if (block instanceof Block.Table t) {
      table(parent, t);
    }
  }

  private static int fence(CharSequence code) {
    int longest = 0;
    int run = 0;
    for (int i = 0; i < code.length(); i++) {
      run = code.charAt(i) == '`' ? run + 1 : 0;
      longest = Math.max(longest, run);
    }
    return Math.max(3, longest + 1);
  }

  private void lineFormats(Line l, boolean indent) {
    for (String f : LOST_LINE) {
      if (l.attr(f) != null) {
        lost.add("format '" + f + "'");
      }
    }
    if (indent && l.intAttr("indent") > 0) {
      lost.add("indent outside a list");
    }
  }

  private Paragraph paragraph(Line l) {
    Paragraph p = new Paragraph();
    inlines(p, l.runs());
    return p;
  }

  private void list(Node parent, List<ListTree> lists) {
    for (ListTree tree : lists) {
      ListBlock list;
      if (tree.kind().equals("ordered")) {
        OrderedList ol = new OrderedList();
        ol.setMarkerStartNumber(1);
        ol.setMarkerDelimiter(".");
        list = ol;
      } else {
        BulletList ul = new BulletList();
        ul.setMarker("-");
        list = ul;
      }
      list.setTight(true);
      for (ListTree.Item item : tree.items()) {
        ListItem li = new ListItem();
        Line line = item.line();
        if (line != null) {
          lineFormats(line, false);
          Paragraph p = new Paragraph();
          if (tree.kind().equals("check")) {
            p.appendChild(new TaskMarker(line.list().equals("checked")));
          }
          inlines(p, line.runs());
          li.appendChild(p);
        }
        list(li, item.children());
        list.appendChild(li);
      }
      parent.appendChild(list);
    }
  }

  private void table(Node parent, Block.Table t) {
    int columns = t.rows().stream().mapToInt(List::size).max().orElse(0);
    if (t.rows().stream().anyMatch(r -> r.size() != columns)) {
      lost.add("short table rows (padded with empty cells)");
    }
    TableBlock table = new TableBlock();
    TableHead head = new TableHead();
    TableBody body = new TableBody();
    table.appendChild(head);
    for (int r = 0; r < t.rows().size(); r++) {
      TableRow row = new TableRow();
      List<Line> cells = t.rows().get(r);
      for (int c = 0; c < columns; c++) {
        TableCell cell = new TableCell();
        cell.setHeader(r == 0);
        if (c < cells.size()) {
          inlines(cell, cells.get(c).runs());
        }
        row.appendChild(cell);
      }
      (r == 0 ? head : body).appendChild(row);
    }
    if (body.getFirstChild() != null) {
      table.appendChild(body);
    }
    parent.appendChild(table);
  }

  // --- inline runs as a tree: runs that share a format are one node, so "**a *b***" and not "**a****b**"

  private static final List<String> NESTING = List.of("link", "bold", "italic", "strike", "underline", "script");

  private void inlines(Node parent, List<Run> runs) {
    for (Run r : runs) {
      for (String f : LOST_INLINE) {
        if (r.attributes().get(f) != null) {
          lost.add("format '" + f + "'");
        }
      }
    }
    nest(parent, runs, 0);
  }

  private void nest(Node parent, List<Run> runs, int depth) {
    if (depth == NESTING.size()) {
      runs.forEach(r -> leaf(parent, r));
      return;
    }
    String format = NESTING.get(depth);
    int i = 0;
    while (i < runs.size()) {
      Object value = runs.get(i).attributes().get(format);
      int j = i + 1;
      while (j < runs.size() && Objects.equals(runs.get(j).attributes().get(format), value)) {
        j++;
      }
      List<Run> segment = runs.subList(i, j);
      if (value == null || format.equals("link") && !(value instanceof String s && SafeUrl.isSafeLink(s))) {
        nest(parent, segment, depth + 1);
      } else {
        wrap(parent, format, value, segment, runs, i, j, depth);
      }
      i = j;
    }
  }

  private void wrap(Node parent, String format, Object value, List<Run> segment, List<Run> all, int from, int to,
      int depth) {
    Node node = switch (format) {
      case "link" -> new Link((String) value, null);
      case "bold" -> delimitable(all, from, to) ? new StrongEmphasis("**") : null;
      case "italic" -> delimitable(all, from, to) ? new Emphasis("*") : null;
      case "strike" -> delimitable(all, from, to) ? new Strikethrough("~~") : null;
      default -> null;
    };
    if (node != null) {
      nest(node, segment, depth + 1);
      parent.appendChild(node);
      return;
    }
    String tag = switch (format) {
      case "bold" -> "strong";
      case "italic" -> "em";
      case "strike" -> "s";
      case "underline" -> "u";
      default -> "sub".equals(value) ? "sub" : "sup";
    };
    parent.appendChild(html("<" + tag + ">"));
    nest(parent, segment, depth + 1);
    parent.appendChild(html("</" + tag + ">"));
  }

  private static HtmlInline html(String literal) {
    HtmlInline h = new HtmlInline();
    h.setLiteral(literal);
    return h;
  }

  /**
   * True if emphasis delimiters around runs [from, to) would open and close there (CommonMark's
   * flanking rules): no space just inside, and punctuation just inside only next to a space,
   * punctuation or the line's end outside.
   */
  private static boolean delimitable(List<Run> runs, int from, int to) {
    int first = firstChar(runs, from, to);
    int last = lastChar(runs, from, to);
    if (first < 0 || last < 0) {
      return false;
    }
    int before = lastChar(runs, 0, from);
    int after = firstChar(runs, to, runs.size());
    return !Character.isWhitespace(first) && !Character.isWhitespace(last)
        && (!punctuation(first) || before < 0 || Character.isWhitespace(before) || punctuation(before))
        && (!punctuation(last) || after < 0 || Character.isWhitespace(after) || punctuation(after));
  }

  private static int firstChar(List<Run> runs, int from, int to) {
    for (int i = from; i < to; i++) {
      Run r = runs.get(i);
      if (r.image() != null || r.is("code") || r.attributes().get("link") != null) {
        return '!';
      }
      if (!r.text().isEmpty()) {
        return r.text().codePointAt(0);
      }
    }
    return -1;
  }

  private static int lastChar(List<Run> runs, int from, int to) {
    for (int i = to - 1; i >= from; i--) {
      Run r = runs.get(i);
      if (r.image() != null || r.is("code") || r.attributes().get("link") != null) {
        return '!';
      }
      if (!r.text().isEmpty()) {
        return r.text().codePointBefore(r.text().length());
      }
    }
    return -1;
  }

  /** CommonMark's punctuation: Unicode punctuation and symbols. */
  private static boolean punctuation(int c) {
    int t = Character.getType(c);
    return t == Character.CONNECTOR_PUNCTUATION || t == Character.DASH_PUNCTUATION
        || t == Character.START_PUNCTUATION || t == Character.END_PUNCTUATION
        || t == Character.INITIAL_QUOTE_PUNCTUATION || t == Character.FINAL_QUOTE_PUNCTUATION
        || t == Character.OTHER_PUNCTUATION || t == Character.MATH_SYMBOL || t == Character.CURRENCY_SYMBOL
        || t == Character.MODIFIER_SYMBOL || t == Character.OTHER_SYMBOL || t == Character.SURROGATE;
  }

  private static void leaf(Node parent, Run r) {
    if (r.image() != null) {
      if (!SafeUrl.isInlineImage(r.image()) && !SafeUrl.isSafe(r.image(), SafeUrl.MEDIA_SCHEMES)) {
        return; // the HTML export's rule: a file never carries a javascript: (or any unsafe) image source
      }
      Image img = new Image(r.image(), null);
      String alt = r.string("alt");
      if (alt != null && !alt.isEmpty()) {
        img.appendChild(new Text(alt));
      }
      parent.appendChild(img);
    } else if (r.is("code")) {
      parent.appendChild(new Code(r.text()));
    } else {
      parent.appendChild(new Text(r.text()));
    }
  }
}
