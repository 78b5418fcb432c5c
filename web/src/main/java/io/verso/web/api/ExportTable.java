package io.verso.web.api;

import io.verso.web.api.DocExport.Line;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * A table in an export. Quill 2's model: every cell is a line whose {@code table} line format is its
 * row's id, the cells of a row are consecutive lines sharing it, and consecutive table lines are one
 * table. Rendered as an HTML {@code <table>} or tab-separated text (a line per row, as spreadsheets
 * copy a table); Markdown's GFM table is the convert module's. Each method renders the table starting at line
 * {@code from} and returns the index of the first line after it; {@code cell} renders a cell's text
 * and inline formats (escaped by the caller's format).
 */
final class ExportTable {
  private ExportTable() {}

  /** Whether a table starts (or goes on) at this line. */
  static boolean starts(Line line) {
    return line.attr("table") != null;
  }

  static int html(List<Line> lines, int from, StringBuilder sb, Function<Line, String> cell) {
    List<List<Line>> rows = new ArrayList<>();
    int end = rows(lines, from, rows);
    sb.append("<table>\n<tbody>\n");
    for (List<Line> row : rows) {
      sb.append("<tr>");
      row.forEach(c -> sb.append("<td>").append(cell.apply(c)).append("</td>"));
      sb.append("</tr>\n");
    }
    sb.append("</tbody>\n</table>\n");
    return end;
  }

  static int text(List<Line> lines, int from, StringBuilder sb, Function<Line, String> cell) {
    List<List<Line>> rows = new ArrayList<>();
    int end = rows(lines, from, rows);
    for (List<Line> row : rows) {
      for (int c = 0; c < row.size(); c++) {
        // a tab in a cell would make another column
        sb.append(c > 0 ? "\t" : "").append(cell.apply(row.get(c)).replace('\t', ' '));
      }
      sb.append('\n');
    }
    return end;
  }

  /** The rows of the table starting at {@code from} into {@code rows}; returns the first line after it. */
  private static int rows(List<Line> lines, int from, List<List<Line>> rows) {
    int i = from;
    Object id = null;
    for (; i < lines.size() && starts(lines.get(i)); i++) {
      Object row = lines.get(i).attr("table");
      if (!row.equals(id)) {
        rows.add(new ArrayList<>());
        id = row;
      }
      rows.get(rows.size() - 1).add(lines.get(i));
    }
    return i;
  }
}
