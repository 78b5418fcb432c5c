package io.verso.edit;

import io.verso.delta.Delta;
import io.verso.delta.Insert;
import io.verso.delta.Op;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * Edits of tables as Quill 2's table module and keyboard make them, on a document delta: a table is
 * consecutive lines carrying the {@code table} line format, a row the consecutive ones sharing its
 * value (the row id), a cell one line. Insert a table, type, delete or format within a cell, add a
 * row above/below (as many cells as the row), a column left/right (a cell in every row, with that
 * row's id), delete a row, a column or the table.
 */
final class TableEdits {
  /** A line: its text is {@code [start, end)}, its newline at {@code end}; {@code row} null outside tables. */
  record Line(int start, int end, String row) {
    int length() {
      return end - start;
    }
  }

  /** A table's rows, each its cells. */
  record Table(List<List<Line>> rows) {
    int start() {
      return rows.get(0).get(0).start();
    }

    int end() {
      List<Line> last = rows.get(rows.size() - 1);
      return last.get(last.size() - 1).end() + 1;
    }
  }

  /** A token typed into the cell of row {@code row}. */
  record Typed(String token, String row) {}

  private final Random rnd;
  private final boolean structure;
  final List<Typed> typed = new ArrayList<>();
  private int tokens;

  /**
   * @param structure whether rows and columns are added and deleted, tables deleted and text deleted
   *     in cells too (without: text typed and formatted in cells, tables added)
   */
  TableEdits(Random rnd, boolean structure) {
    this.rnd = rnd;
    this.structure = structure;
  }

  static List<Line> lines(Delta doc) {
    List<Line> lines = new ArrayList<>();
    int pos = 0;
    int start = 0;
    for (Op op : doc.ops()) {
      Insert ins = (Insert) op;
      if (ins.text() == null) {
        pos++;
        continue;
      }
      for (int i = 0; i < ins.text().length(); i++, pos++) {
        if (ins.text().charAt(i) == '\n') {
          Object row = ins.attributes() == null ? null : ins.attributes().get("table");
          lines.add(new Line(start, pos, row == null ? null : row.toString()));
          start = pos + 1;
        }
      }
    }
    return lines;
  }

  static List<Table> tables(List<Line> lines) {
    List<Table> tables = new ArrayList<>();
    List<List<Line>> rows = null;
    for (Line line : lines) {
      if (line.row() == null) {
        rows = null;
        continue;
      }
      if (rows == null) {
        rows = new ArrayList<>();
        tables.add(new Table(rows));
      }
      List<Line> row = rows.isEmpty() ? null : rows.get(rows.size() - 1);
      if (row == null || !row.get(0).row().equals(line.row())) {
        row = new ArrayList<>();
        rows.add(row);
      }
      row.add(line);
    }
    return tables;
  }

  /**
   * A random table edit of {@code doc}. Text goes in as whole tokens ({@code <n>}) between tokens,
   * and in-cell deletes take whole tokens, so a cell's text stays a run of tokens (and no edit
   * splits a surrogate pair of other text).
   */
  Delta next(Delta doc) {
    List<Line> lines = lines(doc);
    String text = plain(doc);
    List<Table> tables = tables(lines);
    if (tables.isEmpty() || rnd.nextInt(8) == 0) {
      return insertTable(lines);
    }
    Table t = tables.get(rnd.nextInt(tables.size()));
    List<Line> row = t.rows().get(rnd.nextInt(t.rows().size()));
    int column = rnd.nextInt(row.size());
    Line cell = row.get(column);
    int kind = structure ? rnd.nextInt(13) : rnd.nextInt(5);
    return switch (kind) {
      case 0, 1, 2 -> type(cell, text);
      case 3 -> structure ? deleteInCell(cell, text) : type(cell, text);
      case 4 -> cell.length() == 0 ? type(cell, text) : Delta.builder().retain(cell.start())
          .retain(cell.length(), attrs("bold", rnd.nextBoolean() ? Boolean.TRUE : null)).build();
      case 5 -> newRow(row.get(0).start(), row.size());
      case 6 -> newRow(cell(row, row.size() - 1).end() + 1, row.size());
      case 7, 8 -> newColumn(t, column + (kind == 7 ? 0 : 1));
      case 9 -> type(cell, text);
      case 10 -> Delta.builder().retain(row.get(0).start()).delete(cell(row, row.size() - 1).end() + 1 - row.get(0).start())
          .build();
      case 11 -> deleteColumn(t, column);
      default -> Delta.builder().retain(t.start()).delete(t.end() - t.start()).build();
    };
  }

  private static Line cell(List<Line> row, int i) {
    return row.get(i);
  }

  private Delta insertTable(List<Line> lines) {
    List<Line> outside = lines.stream().filter(l -> l.row() == null).toList();
    int at = outside.isEmpty() ? lines.get(lines.size() - 1).end() + 1 : outside.get(rnd.nextInt(outside.size())).start();
    int rows = 1 + rnd.nextInt(3);
    int columns = 1 + rnd.nextInt(3);
    Delta.Builder b = Delta.builder().retain(at);
    for (int r = 0; r < rows; r++) {
      b.insert("\n".repeat(columns), attrs("table", rowId()));
    }
    return b.build();
  }

  /** The cell's start and the ends of the tokens in it. */
  private static List<Integer> boundaries(Line cell, String text) {
    List<Integer> at = new ArrayList<>(List.of(cell.start()));
    for (int i = cell.start(); i < cell.end(); i++) {
      if (text.charAt(i) == '>') {
        at.add(i + 1);
      }
    }
    return at;
  }

  private Delta type(Line cell, String text) {
    List<Integer> at = boundaries(cell, text);
    int pos = at.get(rnd.nextInt(at.size()));
    String token = "<" + tokens++ + ">";
    typed.add(new Typed(token, cell.row()));
    return Delta.builder().retain(pos).insert(token, rnd.nextInt(3) == 0 ? attrs("italic", true) : null).build();
  }

  private Delta deleteInCell(Line cell, String text) {
    List<Integer> at = boundaries(cell, text);
    if (at.size() < 2) {
      return type(cell, text);
    }
    int from = rnd.nextInt(at.size() - 1);
    int to = from + 1 + rnd.nextInt(at.size() - 1 - from);
    return Delta.builder().retain(at.get(from)).delete(at.get(to) - at.get(from)).build();
  }

  static String plain(Delta doc) {
    StringBuilder sb = new StringBuilder();
    doc.ops().forEach(op -> sb.append(((Insert) op).text() == null ? "\uFFFC" : ((Insert) op).text()));
    return sb.toString();
  }

  private Delta newRow(int at, int cells) {
    return Delta.builder().retain(at).insert("\n".repeat(cells), attrs("table", rowId())).build();
  }

  /** A cell before the {@code column}-th of every row (after its last when it has fewer), with the row's id. */
  private Delta newColumn(Table t, int column) {
    TreeMap<Integer, String> at = new TreeMap<>();
    for (List<Line> row : t.rows()) {
      at.put(column < row.size() ? row.get(column).start() : row.get(row.size() - 1).end() + 1, row.get(0).row());
    }
    Delta.Builder b = Delta.builder();
    int pos = 0;
    for (Map.Entry<Integer, String> e : at.entrySet()) {
      b.retain(e.getKey() - pos).insert("\n", attrs("table", e.getValue()));
      pos = e.getKey();
    }
    return b.build();
  }

  private Delta deleteColumn(Table t, int column) {
    Delta.Builder b = Delta.builder();
    int pos = 0;
    for (List<Line> row : t.rows()) {
      if (column < row.size()) {
        Line cell = row.get(column);
        b.retain(cell.start() - pos).delete(cell.length() + 1);
        pos = cell.end() + 1;
      }
    }
    return b.build();
  }

  /** A row id as Quill's tableId() makes it. */
  private String rowId() {
    return "row-" + Integer.toString(rnd.nextInt(36 * 36 * 36 * 36), 36);
  }

  private static Map<String, Object> attrs(String name, Object value) {
    Map<String, Object> m = new java.util.HashMap<>();
    m.put(name, value);
    return m;
  }
}
