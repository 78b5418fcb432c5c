package io.verso.delta;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Reference model: a document as a plain list of characters, each with its attributes. */
final class NaiveDoc {
  record Cell(char ch, Map<String, Object> embed, Map<String, Object> attrs) {}

  final List<Cell> cells = new ArrayList<>();

  static NaiveDoc of(Delta doc) {
    NaiveDoc d = new NaiveDoc();
    for (Op op : doc.ops()) {
      Insert ins = (Insert) op;
      d.addInsert(d.cells.size(), ins);
    }
    return d;
  }

  private void addInsert(int at, Insert ins) {
    if (ins.text() != null) {
      for (int i = 0; i < ins.text().length(); i++) {
        cells.add(at + i, new Cell(ins.text().charAt(i), null, ins.attributes()));
      }
    } else {
      cells.add(at, new Cell('\uFFFC', ins.embed(), ins.attributes()));
    }
  }

  /** Applies a change the naive way; throws when it runs past the end. */
  void apply(Delta change) {
    int pos = 0;
    for (Op op : change.ops()) {
      if (op instanceof Insert ins) {
        addInsert(pos, ins);
        pos += ins.length();
      } else if (op instanceof Retain r) {
        if (pos + r.length() > cells.size()) {
          throw new IllegalArgumentException("retain past end");
        }
        for (int i = pos; i < pos + r.length(); i++) {
          Cell c = cells.get(i);
          cells.set(i, new Cell(c.ch(), c.embed(),
              AttributeMaps.compose(c.attrs(), r.attributes(), false)));
        }
        pos += r.length();
      } else {
        if (pos + op.length() > cells.size()) {
          throw new IllegalArgumentException("delete past end");
        }
        for (int i = 0; i < op.length(); i++) {
          cells.remove(pos);
        }
      }
    }
  }

  Delta toDelta() {
    Delta.Builder b = Delta.builder();
    for (Cell c : cells) {
      if (c.embed() != null) {
        b.insertEmbed(c.embed(), c.attrs());
      } else {
        b.insert(String.valueOf(c.ch()), c.attrs());
      }
    }
    return b.build();
  }
}
