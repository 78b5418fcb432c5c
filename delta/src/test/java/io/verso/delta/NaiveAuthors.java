package io.verso.delta;

import java.util.ArrayList;
import java.util.List;

/** Reference model of {@link Authorship}: one author per code unit. */
final class NaiveAuthors {
  final List<String> cells = new ArrayList<>();

  NaiveAuthors(int length, String author) {
    for (int i = 0; i < length; i++) {
      cells.add(author);
    }
  }

  /** Applies a change the naive way: inserts by {@code user}, deletes remove, retains keep. */
  void apply(Delta change, String user) {
    int pos = 0;
    for (Op op : change.ops()) {
      if (op instanceof Insert ins) {
        for (int i = 0; i < ins.length(); i++) {
          cells.add(pos++, user);
        }
      } else if (op instanceof Retain r) {
        pos += r.length();
      } else {
        cells.subList(pos, pos + op.length()).clear();
      }
    }
    if (pos > cells.size()) {
      throw new IllegalArgumentException("retain past end");
    }
  }
}
