package io.verso.runtime.testing;

import io.verso.delta.Delta;
import io.verso.delta.Insert;
import io.verso.delta.Op;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * Random rich-text edits that a real editor could make on a document: inserts (some formatted), deletes,
 * format changes; the final newline kept, no split emoji. Shared through this module's test-jar by the
 * edit-service's and the history service's tests.
 */
public final class RandomEdits {
  private static final String[] WORDS = {"a", "b", "hello", " ", "\n", "😀", "é", "🎉x", "Lorem ipsum", "z"};

  private RandomEdits() {}

  public static Delta next(Random rnd, Delta document) {
    String text = plain(document);
    int length = text.length();
    int pos = boundary(text, rnd.nextInt(length)); // strictly before the final newline
    int room = length - 1 - pos;
    int kind = rnd.nextInt(10);
    Delta.Builder b = Delta.builder().retain(pos);
    if (kind < 5 || room == 0) {
      String word = WORDS[rnd.nextInt(WORDS.length)];
      return b.insert(word, rnd.nextInt(3) == 0 ? attributes(rnd) : null).build();
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

  private static Map<String, Object> attributes(Random rnd) {
    Map<String, Object> a = new LinkedHashMap<>();
    if (rnd.nextBoolean()) {
      a.put("bold", true);
    }
    if (rnd.nextBoolean()) {
      a.put("italic", true);
    }
    if (rnd.nextInt(4) == 0) {
      a.put("link", "https://example.com/" + rnd.nextInt(100));
    }
    if (a.isEmpty()) {
      a.put("underline", true);
    }
    return a;
  }

  /** Moves an index off the middle of a surrogate pair. */
  private static int boundary(String text, int index) {
    if (index > 0 && index < text.length() && Character.isLowSurrogate(text.charAt(index))
        && Character.isHighSurrogate(text.charAt(index - 1))) {
      return index - 1;
    }
    return index;
  }

  public static String plain(Delta document) {
    StringBuilder sb = new StringBuilder();
    for (Op op : document.ops()) {
      Insert ins = (Insert) op;
      sb.append(ins.text() != null ? ins.text() : "\uFFFC");
    }
    return sb.toString();
  }
}
