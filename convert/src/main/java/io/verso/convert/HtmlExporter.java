package io.verso.convert;

import io.verso.delta.Delta;
import io.verso.protocol.SafeUrl;
import java.util.List;
import java.util.regex.Pattern;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.DocumentType;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Entities;
import org.jsoup.nodes.TextNode;

/**
 * A document as a complete HTML page, built with jsoup nodes so every text and attribute is escaped
 * by the library. Line formats the page's own stylesheet renders are Quill's {@code ql-*} classes
 * (the HTML importer reads them back, and so does Quill's clipboard); lists nest as in HTML; a
 * checklist item is {@code <li data-list="checked|unchecked">} with a box character.
 */
final class HtmlExporter {
  static final Pattern COLOR = Pattern.compile("#[0-9a-fA-F]{3,8}|[a-zA-Z]{1,24}"
      + "|rgba?\\(\\s*\\d{1,3}\\s*,\\s*\\d{1,3}\\s*,\\s*\\d{1,3}\\s*(,\\s*(0|1|0?\\.\\d+)\\s*)?\\)");
  static final String CHECKED = "\u2611";
  static final String UNCHECKED = "\u2610";

  private static final String STYLE = """
      body{font-family:'DejaVu Serif',Georgia,serif;line-height:1.5;max-width:46em;margin:2em auto;padding:0 1em}
      pre{font-family:'DejaVu Sans Mono',monospace;background:#f4f4f4;padding:.5em;white-space:pre-wrap}
      code{font-family:'DejaVu Sans Mono',monospace}
      blockquote{border-left:4px solid #ccc;margin:0;padding-left:1em}
      table{border-collapse:collapse}td{border:1px solid #999;padding:.25em .5em}
      ul.checklist{list-style:none}img{max-width:100%}
      .ql-align-center{text-align:center}.ql-align-right{text-align:right}.ql-align-justify{text-align:justify}
      .ql-direction-rtl{direction:rtl}.ql-font-serif{font-family:'DejaVu Serif',Georgia,serif}
      .ql-font-monospace{font-family:'DejaVu Sans Mono',monospace}.ql-size-small{font-size:.75em}
      .ql-size-large{font-size:1.5em}.ql-size-huge{font-size:2.5em}
      """ + indentStyles();

  private HtmlExporter() {}

  static String export(Delta doc, String title) {
    return page(doc, title).outerHtml();
  }

  /** The page as a jsoup document (the PDF exporter adds its print rules to it). */
  static Document page(Delta doc, String title) {
    Document page = Document.createShell("");
    page.outputSettings().prettyPrint(false).charset("UTF-8").escapeMode(Entities.EscapeMode.base);
    page.prependChild(new DocumentType("html", "", ""));
    page.selectFirst("html").attr("lang", "und");
    Element head = page.head();
    head.appendElement("meta").attr("charset", "utf-8");
    head.appendElement("title").text(title == null ? "" : title);
    head.appendElement("style").appendChild(new org.jsoup.nodes.DataNode(STYLE));
    Element body = page.body();
    for (Block block : Blocks.of(doc)) {
      write(body, block);
    }
    return page;
  }

  private static void write(Element body, Block block) {
    if (block instanceof Block.Paragraph p) {
      line(body, tagOf(p.line()), p.line());
    } else if (block instanceof Block.Quote q) {
      Element quote = body.appendElement("blockquote");
      q.lines().forEach(l -> line(quote, "p", l));
    } else if (block instanceof Block.Code c) {
      Element pre = body.appendElement("pre");
      Element code = pre.appendElement("code");
      if (!c.language().equals("plain")) {
        pre.attr("data-language", c.language());
        code.addClass("language-" + c.language());
      }
      StringBuilder sb = new StringBuilder();
      for (Line l : c.lines()) {
        sb.append(l.text()).append('\n');
      }
      code.appendChild(new TextNode(sb.toString()));
    } else if (block instanceof Block.ListBlock l) {
      list(body, ListTree.of(l.items()));
    } else if (block instanceof Block.Table t) {
      Element tbody = body.appendElement("table").appendElement("tbody");
      for (List<Line> row : t.rows()) {
        Element tr = tbody.appendElement("tr");
        row.forEach(cell -> inlines(tr.appendElement("td"), cell));
      }
    }
  }

  private static String tagOf(Line line) {
    int h = line.intAttr("header");
    return h >= 1 && h <= 6 ? "h" + h : "p";
  }

  private static void line(Element parent, String tag, Line line) {
    Element e = parent.appendElement(tag);
    lineClasses(e, line, true);
    inlines(e, line);
  }

  private static void lineClasses(Element e, Line line, boolean indent) {
    if (line.stringAttr("align") != null) {
      e.addClass("ql-align-" + line.stringAttr("align"));
    }
    if ("rtl".equals(line.stringAttr("direction"))) {
      e.addClass("ql-direction-rtl").attr("dir", "rtl");
    }
    int n = line.intAttr("indent");
    if (indent && n > 0) {
      e.addClass("ql-indent-" + n);
    }
  }

  private static void list(Element parent, List<ListTree> lists) {
    for (ListTree tree : lists) {
      Element list = parent.appendElement(tree.kind().equals("ordered") ? "ol" : "ul");
      if (tree.kind().equals("check")) {
        list.addClass("checklist");
      }
      for (ListTree.Item item : tree.items()) {
        Element li = list.appendElement("li");
        Line line = item.line();
        if (line != null) {
          lineClasses(li, line, false);
          if (tree.kind().equals("check")) {
            li.attr("data-list", line.list());
            li.appendElement("span").addClass("checkbox")
                .text(line.list().equals("checked") ? CHECKED + " " : UNCHECKED + " ");
          }
          inlines(li, line);
        }
        list(li, item.children());
      }
    }
  }

  private static void inlines(Element parent, Line line) {
    if (line.runs().isEmpty()) {
      parent.appendElement("br");
      return;
    }
    for (Run run : line.runs()) {
      Element at = parent;
      String link = run.string("link");
      if (link != null && SafeUrl.isSafeLink(link)) {
        at = at.appendElement("a").attr("href", link).attr("rel", "noopener noreferrer nofollow");
      }
      at = wrap(at, run.is("bold"), "strong");
      at = wrap(at, run.is("italic"), "em");
      at = wrap(at, run.is("underline"), "u");
      at = wrap(at, run.is("strike"), "s");
      at = wrap(at, run.is("code"), "code");
      at = wrap(at, "sub".equals(run.string("script")), "sub");
      at = wrap(at, "super".equals(run.string("script")), "sup");
      at = span(at, run);
      if (run.image() != null) {
        image(at, run);
      } else {
        at.appendChild(new TextNode(run.text()));
      }
    }
  }

  private static Element wrap(Element at, boolean on, String tag) {
    return on ? at.appendElement(tag) : at;
  }

  private static Element span(Element at, Run run) {
    String color = run.string("color");
    String background = run.string("background");
    String font = run.string("font");
    String size = run.string("size");
    if (color == null && background == null && font == null && size == null) {
      return at;
    }
    Element span = at.appendElement("span");
    StringBuilder style = new StringBuilder();
    if (color != null && COLOR.matcher(color).matches()) {
      style.append("color:").append(color).append(';');
    }
    if (background != null && COLOR.matcher(background).matches()) {
      style.append("background-color:").append(background).append(';');
    }
    if (!style.isEmpty()) {
      span.attr("style", style.toString());
    }
    if (font != null && font.matches("serif|monospace")) {
      span.addClass("ql-font-" + font);
    }
    if (size != null && size.matches("small|large|huge")) {
      span.addClass("ql-size-" + size);
    }
    return span;
  }

  private static void image(Element at, Run run) {
    String src = run.image();
    if (!SafeUrl.isInlineImage(src) && !SafeUrl.isSafe(src, SafeUrl.MEDIA_SCHEMES)) {
      return;
    }
    Element img = at.appendElement("img").attr("src", src);
    img.attr("alt", run.string("alt") == null ? "" : run.string("alt"));
    for (String dim : List.of("width", "height")) {
      if (run.string(dim) != null) {
        img.attr(dim, run.string(dim));
      }
    }
  }

  private static String indentStyles() {
    StringBuilder sb = new StringBuilder();
    for (int i = 1; i <= 8; i++) {
      sb.append(".ql-indent-").append(i).append("{padding-left:").append(3 * i).append("em}");
    }
    return sb.append('\n').toString();
  }
}
