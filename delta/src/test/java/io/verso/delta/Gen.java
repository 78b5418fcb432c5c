package io.verso.delta;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Random rich-text documents and changes: attributes, null removals, embeds, surrogate pairs. */
final class Gen {
  private static final String[] TEXTS = {
    "a", "b", "hello", " ", "\n", "world", "😀", "x😀y", "🎉🎉", "é", "\t", "abc abc", "Z"
  };
  private static final String[] KEYS = {"bold", "italic", "link", "color", "header", "size"};

  final Random rnd;
  /** Whether insert attributes may hold null values (quill keeps them; invert cannot restore them). */
  boolean nullsInInserts = true;

  Gen(long seed) {
    this.rnd = new Random(seed);
  }

  Object value(String key) {
    return switch (key) {
      case "bold", "italic" -> rnd.nextInt(4) == 0 ? Boolean.FALSE : Boolean.TRUE;
      case "link" -> rnd.nextBoolean() ? "https://a.example" : "https://b.example";
      case "color" -> rnd.nextBoolean() ? "#ff0000" : "#00ff00";
      case "header" -> rnd.nextBoolean() ? (Object) 1 : (Object) 2.0;
      default -> rnd.nextBoolean() ? (Object) 12 : (Object) "large";
    };
  }

  /** Attributes for an insert (occasionally a null value, which quill keeps on inserts). */
  Map<String, Object> insertAttrs() {
    if (rnd.nextInt(3) == 0) {
      return null;
    }
    Map<String, Object> m = new LinkedHashMap<>();
    int n = 1 + rnd.nextInt(2);
    for (int i = 0; i < n; i++) {
      String k = KEYS[rnd.nextInt(KEYS.length)];
      m.put(k, nullsInInserts && rnd.nextInt(25) == 0 ? null : value(k));
    }
    return m;
  }

  /** Attributes for a retain: values or null removals. */
  Map<String, Object> retainAttrs() {
    if (rnd.nextInt(2) == 0) {
      return null;
    }
    Map<String, Object> m = new LinkedHashMap<>();
    int n = 1 + rnd.nextInt(2);
    for (int i = 0; i < n; i++) {
      String k = KEYS[rnd.nextInt(KEYS.length)];
      m.put(k, rnd.nextInt(3) == 0 ? null : value(k));
    }
    return m;
  }

  Map<String, Object> embed() {
    Map<String, Object> e = new LinkedHashMap<>();
    switch (rnd.nextInt(3)) {
      case 0 -> e.put("image", rnd.nextBoolean() ? "https://img/1.png" : "https://img/2.png");
      case 1 -> e.put("video", "https://v/1");
      default -> e.put("formula", "e=mc^2");
    }
    return e;
  }

  Op insertOp() {
    if (rnd.nextInt(6) == 0) {
      return new Insert(null, embed(), insertAttrs());
    }
    return new Insert(TEXTS[rnd.nextInt(TEXTS.length)], null, insertAttrs());
  }

  Delta document(int maxOps) {
    Delta.Builder b = Delta.builder();
    int n = rnd.nextInt(maxOps + 1);
    for (int i = 0; i < n; i++) {
      b.push(insertOp());
    }
    return b.build();
  }

  /**
   * Commits one op of a concurrent history as a server does: a change (up to 6 components) written
   * at a base up to 5 revisions old, transformed over the ops committed since (the server's op
   * first). {@code committed.get(r)} made revision r and {@code contents.get(r)} is the document
   * at r; both get the new revision. Returns the committed op.
   */
  Delta commitConcurrent(List<Delta> contents, List<Delta> committed) {
    int head = contents.size() - 1;
    int base = Math.max(0, head - rnd.nextInt(6));
    Delta op = change(contents.get(base).length(), 6);
    for (int r = base + 1; r <= head; r++) {
      op = committed.get(r).transform(op, true);
    }
    committed.add(op);
    contents.add(contents.get(head).compose(op));
    return op;
  }

  /** A random change applicable to a document of {@code length} code units. */
  Delta change(int length, int maxOps) {
    Delta.Builder b = Delta.builder();
    int pos = 0;
    int n = 1 + rnd.nextInt(maxOps);
    for (int i = 0; i < n; i++) {
      int left = length - pos;
      int kind = rnd.nextInt(3);
      if (kind == 0 || left == 0) {
        b.push(insertOp());
      } else {
        int k = 1 + rnd.nextInt(Math.min(left, 6));
        if (kind == 1) {
          b.retain(k, retainAttrs());
        } else {
          b.delete(k);
        }
        pos += k;
      }
    }
    if (rnd.nextInt(4) == 0 && pos < length) {
      b.retain(length - pos, retainAttrs());
    }
    return b.build();
  }

  /** A random non-canonical op list (for Delta.of). */
  List<Op> rawOps(int maxOps) {
    List<Op> ops = new ArrayList<>();
    int n = rnd.nextInt(maxOps + 1);
    for (int i = 0; i < n; i++) {
      switch (rnd.nextInt(4)) {
        case 0 -> ops.add(new Retain(rnd.nextInt(4), rnd.nextBoolean() ? null : retainAttrs()));
        case 1 -> ops.add(new Delete(rnd.nextInt(4)));
        default -> ops.add(insertOp());
      }
    }
    return ops;
  }
}
