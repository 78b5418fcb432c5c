package io.verso.convert;

import io.verso.delta.Delta;
import io.verso.delta.Insert;
import io.verso.delta.Op;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** A document delta as lines, and lines as blocks. */
final class Blocks {
  private Blocks() {}

  /** The lines of a document (inserts only); text after the last newline is a line of its own. */
  static List<Line> lines(Delta doc) {
    List<Line> lines = new ArrayList<>();
    List<Run> runs = new ArrayList<>();
    for (Op op : doc.ops()) {
      if (!(op instanceof Insert ins)) {
        throw new IllegalArgumentException("a document holds inserts only");
      }
      if (ins.isEmbed()) {
        Object src = ins.embed().get("image");
        if (src instanceof String s) {
          runs.add(new Run(null, s, ins.attributes()));
        }
        continue;
      }
      String text = ins.text();
      int start = 0;
      for (int nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', start)) {
        if (nl > start) {
          runs.add(new Run(text.substring(start, nl), null, ins.attributes()));
        }
        lines.add(new Line(runs, ins.attributes()));
        runs = new ArrayList<>();
        start = nl + 1;
      }
      if (start < text.length()) {
        runs.add(new Run(text.substring(start), null, ins.attributes()));
      }
    }
    if (!runs.isEmpty()) {
      lines.add(new Line(runs, Map.of()));
    }
    return lines;
  }

  static List<Block> of(Delta doc) {
    return group(lines(doc));
  }

  static List<Block> group(List<Line> lines) {
    List<Block> blocks = new ArrayList<>();
    int i = 0;
    while (i < lines.size()) {
      Line line = lines.get(i);
      int j = i + 1;
      if (line.tableRow() != null) {
        List<List<Line>> rows = new ArrayList<>();
        while (i < lines.size() && lines.get(i).tableRow() != null) {
          String row = lines.get(i).tableRow();
          List<Line> cells = new ArrayList<>();
          while (i < lines.size() && row.equals(lines.get(i).tableRow())) {
            cells.add(lines.get(i++));
          }
          rows.add(cells);
        }
        blocks.add(new Block.Table(rows));
        continue;
      } else if (line.list() != null) {
        while (j < lines.size() && lines.get(j).list() != null && lines.get(j).tableRow() == null) {
          j++;
        }
        blocks.add(new Block.ListBlock(lines.subList(i, j)));
      } else if (line.codeBlock() != null) {
        while (j < lines.size() && Objects.equals(lines.get(j).codeBlock(), line.codeBlock())
            && lines.get(j).tableRow() == null) {
          j++;
        }
        blocks.add(new Block.Code(lines.subList(i, j), line.codeBlock()));
      } else if (line.quote()) {
        while (j < lines.size() && lines.get(j).quote() && lines.get(j).list() == null
            && lines.get(j).codeBlock() == null && lines.get(j).tableRow() == null) {
          j++;
        }
        blocks.add(new Block.Quote(lines.subList(i, j)));
      } else {
        blocks.add(new Block.Paragraph(line));
      }
      i = j;
    }
    return blocks;
  }
}
