package io.verso.history;

import io.verso.delta.Delta;
import io.verso.delta.Insert;
import io.verso.delta.Op;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/** Random edits a real editor could make: inserts (some formatted), deletes, format changes; the final newline kept. */
final class RandomHistory {
  private static final String[] WORDS = {"a", "b", "hello", " ", "\n", "😀", "é", "Lorem ipsum", "z"};

  private RandomHistory() {}

  static Delta next(Random rnd, Delta document) {
    String text = plain(document);
    int pos = boundary(text, rnd.nextInt(text.length())); // before the final newline
    int room = text.length() - 1 - pos;
    int kind = rnd.nextInt(10);
    Delta.Builder b = Delta.builder().retain(pos);
    if (kind < 5 || room == 0) {
      Map<String, Object> attrs = null;
      if (rnd.nextInt(3) == 0) {
        attrs = new LinkedHashMap<>();
        attrs.put(rnd.nextBoolean() ? "bold" : "italic", true);
      }
      return b.insert(WORDS[rnd.nextInt(WORDS.length)], attrs).build();
    }
    int n = boundary(text, pos + 1 + rnd.nextInt(Math.min(room, 6))) - pos;
    if (n <= 0) {
      return b.insert("x").build();
    }
    if (kind < 8) {
      return b.delete(n).build();
    }
    Map<String, Object> format = new LinkedHashMap<>();
    format.put(rnd.nextBoolean() ? "bold" : "italic", rnd.nextBoolean() ? Boolean.TRUE : null);
    return b.retain(n, format).build();
  }

  /** Moves an index off the middle of a surrogate pair. */
  private static int boundary(String text, int index) {
    if (index > 0 && index < text.length() && Character.isLowSurrogate(text.charAt(index))
        && Character.isHighSurrogate(text.charAt(index - 1))) {
      return index - 1;
    }
    return index;
  }

  private static String plain(Delta document) {
    StringBuilder sb = new StringBuilder();
    for (Op op : document.ops()) {
      Insert ins = (Insert) op;
      sb.append(ins.text() != null ? ins.text() : "\uFFFC");
    }
    return sb.toString();
  }
}
