package io.verso.convert;

import java.util.List;
import java.util.Map;

/**
 * One line of a document: its runs and the attributes of its newline (header, list, indent,
 * blockquote, code-block, align, direction, table).
 */
record Line(List<Run> runs, Map<String, Object> attributes) {
  Line {
    runs = List.copyOf(runs);
    attributes = attributes == null ? Map.of() : attributes;
  }

  Object attr(String name) {
    return attributes.get(name);
  }

  int intAttr(String name) {
    return attributes.get(name) instanceof Number n ? n.intValue() : 0;
  }

  String stringAttr(String name) {
    return attributes.get(name) instanceof String s ? s : null;
  }

  /** The line's text, images left out. */
  String text() {
    StringBuilder sb = new StringBuilder();
    for (Run r : runs) {
      if (r.text() != null) {
        sb.append(r.text());
      }
    }
    return sb.toString();
  }

  /** bullet, ordered, checked, unchecked, or null. */
  String list() {
    return stringAttr("list");
  }

  /** The list's kind for grouping: a checklist is one list whatever its items' states. */
  String listKind() {
    String l = list();
    return l == null ? null : l.equals("checked") || l.equals("unchecked") ? "check" : l;
  }

  /** The code block's language, "plain" for {@code true}, or null. */
  String codeBlock() {
    Object v = attributes.get("code-block");
    return v instanceof String s ? s : Boolean.TRUE.equals(v) ? "plain" : null;
  }

  boolean quote() {
    return Boolean.TRUE.equals(attributes.get("blockquote"));
  }

  String tableRow() {
    return stringAttr("table");
  }
}
