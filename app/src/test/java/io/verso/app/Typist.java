package io.verso.app;

import io.verso.delta.Delta;
import java.util.Map;
import java.util.Random;

/** Random but valid rich-text edits on a Quill document (the final newline is never touched). */
final class Typist {
  private static final String LETTERS = "abcdefghijklmnopqrstuvwxyz  ÄéЖ漢😀";
  private final Random rnd;

  Typist(long seed) {
    this.rnd = new Random(seed);
  }

  Delta next(Delta doc) {
    int len = doc.length(); // includes the final newline
    int at = rnd.nextInt(len); // before the final newline at most
    if (at > 0 && Character.isLowSurrogate(charAt(doc, at))) {
      at--; // never split a surrogate pair
    }
    int roll = rnd.nextInt(10);
    if (roll < 6 || len < 3) {
      StringBuilder s = new StringBuilder();
      int n = 1 + rnd.nextInt(4);
      for (int i = 0; i < n; i++) {
        int cp = LETTERS.codePointAt(LETTERS.offsetByCodePoints(0, rnd.nextInt(LETTERS.codePointCount(0, LETTERS.length()))));
        s.appendCodePoint(cp);
      }
      Map<String, Object> attrs = rnd.nextInt(4) == 0 ? Map.of("bold", true) : null;
      return Delta.builder().retain(at).insert(s.toString(), attrs).build();
    }
    int n = Math.min(1 + rnd.nextInt(3), len - 1 - at);
    if (n <= 0) {
      return Delta.builder().retain(at).insert("x").build();
    }
    if (at + n < len && Character.isLowSurrogate(charAt(doc, at + n))) {
      n++;
    }
    n = Math.min(n, len - 1 - at);
    if (n <= 0) {
      return Delta.builder().retain(at).insert("y").build();
    }
    return roll < 9
        ? Delta.builder().retain(at).delete(n).build()
        : Delta.builder().retain(at).retain(n, Map.of("italic", true)).build();
  }

  private static char charAt(Delta doc, int index) {
    Delta one = doc.slice(index, index + 1);
    return one.ops().isEmpty() || !(one.op(0) instanceof io.verso.delta.Insert ins) || ins.text() == null
        ? ' ' : ins.text().charAt(0);
  }
}
