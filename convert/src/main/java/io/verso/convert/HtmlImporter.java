package io.verso.convert;

import io.verso.protocol.SafeUrl;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;

/**
 * HTML (a page, a fragment, or what Word, Google Docs, LibreOffice or Quill put on a page) to a
 * document. jsoup parses; this walker keeps only what maps to the editor's formats, so it is the
 * sanitizer too: it reads no attribute but {@code href}, {@code src}, {@code alt}, sizes, classes,
 * {@code dir}, {@code data-list}/{@code data-language} and a few style properties, every URL goes
 * through the safe-URL rule, and scripts, frames, objects and forms are dropped with their content
 * (reported). Whitespace collapses as a browser shows it.
 */
final class HtmlImporter {
  private static final Set<String> DROPPED_REPORTED = Set.of("script", "iframe", "frame", "frameset", "object",
      "embed", "applet", "svg", "math", "canvas", "video", "audio", "form", "input", "button", "select",
      "textarea", "portal");
  private static final Set<String> DROPPED_SILENT = Set.of("head", "title", "meta", "link", "style", "base",
      "template", "noscript");
  private static final Set<String> BLOCKS = Set.of("p", "div", "section", "article", "main", "header", "footer",
      "nav", "aside", "figure", "figcaption", "address", "center", "dd", "dt", "dl", "details", "summary", "body",
      "caption", "hgroup", "legend", "fieldset");
  /** Deeper content is left out (reported): the walk is recursive, and no document needs more. */
  static final int MAX_DEPTH = 200;

  private final DeltaWriter out;
  private Map<String, Object> space;
  private int pre;
  private int cell;
  private int listDepth;
  private int depth;

  private HtmlImporter(DeltaWriter out) {
    this.out = out;
  }

  static ImportResult read(byte[] html, ConvertLimits limits, ImageStore images) {
    Element body;
    try {
      // jsoup never fetches: it parses the bytes (charset from a BOM or <meta>, else UTF-8)
      body = Jsoup.parse(new ByteArrayInputStream(html), null, "").body();
    } catch (IOException e) {
      throw new ConvertException(ConvertException.Reason.FILE_MALFORMED, "unreadable HTML", e);
    }
    DeltaWriter out = new DeltaWriter(limits, images);
    new HtmlImporter(out).block(body, Map.of(), Map.of());
    return out.finish();
  }

  /** Reads an HTML fragment into an existing document (Markdown's HTML blocks). */
  static void fragment(String html, DeltaWriter out) {
    new HtmlImporter(out).block(Jsoup.parseBodyFragment(html).body(), Map.of(), Map.of());
  }

  private void children(Element e, Map<String, Object> inline, Map<String, Object> line) {
    if (depth >= MAX_DEPTH) {
      out.skip("content nested more than " + MAX_DEPTH + " elements deep");
      return;
    }
    depth++;
    for (Node n : e.childNodes()) {
      visit(n, inline, line);
    }
    depth--;
  }

  private void visit(Node n, Map<String, Object> inline, Map<String, Object> line) {
    if (n instanceof TextNode t) {
      text(t.getWholeText(), inline, line);
      return;
    }
    if (!(n instanceof Element e)) {
      return; // comments, doctype, processing instructions
    }
    String tag = e.normalName();
    if (pre > 0 && !tag.equals("br") && !DROPPED_REPORTED.contains(tag) && !DROPPED_SILENT.contains(tag)) {
      children(e, inline, line); // a code block holds text only
      return;
    }
    if (DROPPED_REPORTED.contains(tag)) {
      out.skip("HTML <" + tag + ">");
      return;
    }
    if (DROPPED_SILENT.contains(tag)) {
      return;
    }
    switch (tag) {
      case "br" -> {
        if (cell > 0 || pre > 0) {
          text(pre > 0 ? "\n" : " ", inline, line);
        } else {
          endLine(line);
        }
      }
      case "hr" -> {
        breakLine(line);
        out.skip("horizontal rule");
      }
      case "img" -> image(e, inline);
      case "h1", "h2", "h3", "h4", "h5", "h6" -> {
        Map<String, Object> l = HtmlFormats.lineOf(e, line);
        l.remove("list");
        l.remove("code-block");
        l.remove("blockquote");
        l.put("header", tag.charAt(1) - '0');
        block(e, inline, l);
      }
      case "blockquote" -> {
        Map<String, Object> l = HtmlFormats.lineOf(e, line);
        l.put("blockquote", true);
        block(e, inline, l);
      }
      case "pre" -> {
        Map<String, Object> l = new LinkedHashMap<>();
        l.put("code-block", HtmlFormats.language(e));
        breakLine(line);
        pre++;
        children(e, Map.of(), l);
        pre--;
        breakLine(l);
      }
      case "ul", "ol" -> {
        breakLine(line);
        listDepth++;
        children(e, inline, line);
        listDepth--;
      }
      case "li" -> listItem(e, inline, line);
      case "table" -> table(e, inline, line);
      default -> {
        if (BLOCKS.contains(tag)) {
          block(e, inline, HtmlFormats.lineOf(e, line));
        } else {
          children(e, inlineOf(e, inline), line);
        }
      }
    }
  }

  private void block(Element e, Map<String, Object> inline, Map<String, Object> line) {
    if (cell > 0) {
      text(" ", inline, line);
      children(e, inline, line);
      text(" ", inline, line);
      return;
    }
    breakLine(line);
    children(e, inline, line);
    breakLine(line);
  }

  private void listItem(Element e, Map<String, Object> inline, Map<String, Object> parentLine) {
    Map<String, Object> l = HtmlFormats.lineOf(e, parentLine);
    // a Quill line is one block: a list item is neither a heading nor a quote
    if (l.remove("blockquote") != null) {
      out.skip("list inside a quote (kept as a list)");
    }
    l.remove("header");
    l.remove("code-block");
    String list = e.parent() != null && e.parent().normalName().equals("ol") ? "ordered" : "bullet";
    String data = e.attr("data-list");
    if (Set.of("ordered", "bullet", "checked", "unchecked").contains(data)) {
      list = data;
    }
    Element first = e.firstElementChild();
    boolean boxFirst = first != null && e.childNode(0) == first
        || first != null && first.previousSibling() instanceof TextNode t && t.isBlank();
    if (boxFirst && first.normalName().equals("input") && first.attr("type").equalsIgnoreCase("checkbox")) {
      list = first.hasAttr("checked") ? "checked" : "unchecked";
      first.remove();
    } else if (boxFirst && (first.hasClass("checkbox") || first.hasClass("ql-ui"))) {
      first.remove();
    }
    l.put("list", list);
    int indent = Math.max(0, listDepth - 1);
    if (l.get("indent") instanceof Integer classIndent) {
      indent = Math.max(indent, classIndent);
    }
    l.remove("indent");
    if (indent > 0) {
      l.put("indent", Math.min(indent, 8));
    }
    if (indent > 8) {
      out.skip("list nested deeper than 9 levels");
    }
    block(e, inline, l);
  }

  private void table(Element table, Map<String, Object> inline, Map<String, Object> line) {
    if (cell > 0) {
      out.skip("table inside a table (kept as text)");
      children(table, inline, line);
      return;
    }
    breakLine(line);
    boolean asTable = out.allows("table");
    if (!asTable) {
      out.skip("table (kept as text, a row a line)");
    }
    for (Element tr : table.select("tr")) {
      if (tr.closest("table") != table) {
        continue;
      }
      String row = out.nextRowId();
      boolean firstCell = true;
      for (Element td : tr.children()) {
        if (!td.normalName().equals("td") && !td.normalName().equals("th")) {
          continue;
        }
        if (!asTable && !firstCell) {
          text("\t", inline, line);
        }
        cell++;
        children(td, inlineOf(td, inline), line);
        cell--;
        if (asTable) {
          space = null;
          out.endLine(Map.of("table", row));
        }
        firstCell = false;
      }
      if (!asTable) {
        endLine(Map.of());
      }
    }
  }

  private void image(Element img, Map<String, Object> inline) {
    flushSpace();
    Map<String, Object> attrs = new HashMap<>(inline);
    attrs.put("alt", img.attr("alt"));
    for (String dim : new String[] {"width", "height"}) {
      if (!img.attr(dim).isEmpty()) {
        attrs.put(dim, img.attr(dim));
      }
    }
    out.image(img.attr("src"), attrs);
  }

  private void text(String raw, Map<String, Object> inline, Map<String, Object> line) {
    if (pre > 0) {
      int start = 0;
      for (int nl = raw.indexOf('\n'); nl >= 0; nl = raw.indexOf('\n', start)) {
        out.text(raw.substring(start, nl), inline);
        out.endLine(line);
        start = nl + 1;
      }
      out.text(raw.substring(start), inline);
      return;
    }
    String t = raw.replaceAll("[ \\t\\n\\r\\f]+", " ");
    if (t.startsWith(" ")) {
      if (out.lineHasContent() && space == null) {
        space = inline;
      }
      t = t.substring(1);
    }
    if (t.isEmpty()) {
      return;
    }
    boolean trailing = t.endsWith(" ");
    if (trailing) {
      t = t.substring(0, t.length() - 1);
    }
    if (!t.isEmpty()) {
      flushSpace();
      out.text(t, inline);
    }
    if (trailing) {
      space = inline;
    }
  }

  private void flushSpace() {
    if (space != null) {
      out.text(" ", space);
      space = null;
    }
  }

  private void breakLine(Map<String, Object> line) {
    if (out.lineHasContent()) {
      endLine(line);
    }
  }

  private void endLine(Map<String, Object> line) {
    space = null;
    out.endLine(line);
  }

  /** The inline formats an element sets on top of its parent's. */
  private Map<String, Object> inlineOf(Element e, Map<String, Object> parent) {
    Map<String, Object> f = new LinkedHashMap<>(parent);
    switch (e.normalName()) {
      case "strong", "b" -> f.put("bold", true);
      case "em", "i", "cite", "dfn" -> f.put("italic", true);
      case "u", "ins" -> f.put("underline", true);
      case "s", "strike", "del" -> f.put("strike", true);
      case "code", "kbd", "samp", "tt" -> f.put("code", true);
      case "sub" -> f.put("script", "sub");
      case "sup" -> f.put("script", "super");
      case "a" -> {
        String href = e.attr("href").strip();
        if (!href.isEmpty()) {
          if (SafeUrl.isSafeLink(href)) {
            f.put("link", href);
          } else {
            out.skip("link with an unsafe URL");
          }
        }
      }
      default -> { }
    }
    HtmlFormats.styles(e, f);
    return f;
  }
}
