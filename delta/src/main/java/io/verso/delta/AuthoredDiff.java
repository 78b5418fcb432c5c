package io.verso.delta;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a range of committed ops changed, attributed: the changes turn the document {@code
 * contentFrom} into {@code contentFrom} composed with every op, and each insert carries who
 * inserted it, each delete who deleted it. Text inserted and deleted inside the range is absent (it
 * never was in either document). A retain carries an attribute change of the original text, with
 * its author when one user made the format changes it sums up (else null).
 *
 * <p>The result is canonical like a quill delta, per author: between two retained stretches the
 * inserts come first, then the deletes; adjacent changes of one kind, author and attributes are
 * merged; a retain whose formatting leaves the text as it was carries no attributes (toggling bold
 * twice is no change); no trailing plain retain. With one author and no formatting, its ops are
 * exactly the composition of the ops.
 *
 * <p>How: the document during the range as a list of pieces — original text (kept, with the
 * format changes composed on it, or deleted, with the deleter) and inserted text (with its
 * inserter). An op finds where it starts by summing an int array of the pieces' visible lengths
 * and replaces the pieces it touches; adjacent pieces merge, so typing keeps the list short. An op
 * costs O(pieces) array work plus O(pieces it touches) objects; the document's length only
 * matters at the end.
 */
public final class AuthoredDiff {
  /** One op of the range and who committed it (null = unknown). */
  public record Authored(Delta delta, String userId) {
    public Authored {
      Objects.requireNonNull(delta, "delta");
    }
  }

  /** One change: an insert (author = who inserted), a delete (who deleted) or a retain. */
  public record Change(Op op, String author) {
    public Change {
      Objects.requireNonNull(op, "op");
    }
  }

  private AuthoredDiff() {}

  /** Original text still there: {@code from..from+len} of contentFrom, with formatting {@code fmt}. */
  private record Kept(int from, int len, Map<String, Object> fmt, Object fmtBy) {}

  /** Original text deleted by {@code by}: invisible in the document, a delete in the result. */
  private record Gone(int from, int len, String by) {}

  /** Text inserted within the range by {@code by}, with its current attributes. */
  private record Added(Insert ins, String by) {}

  /** fmtBy of original text nobody formatted, and of text formatted by several users. */
  private static final Object NOBODY = new Object();
  private static final Object SEVERAL = new Object();

  /**
   * The attributed changes from {@code contentFrom} (a document) through {@code ops} applied one
   * after the other. An op spanning more than the document is rejected with
   * {@link InvalidDeltaException}.
   */
  public static List<Change> between(Delta contentFrom, List<Authored> ops) {
    if (!contentFrom.isDocument()) {
      throw new IllegalArgumentException("contentFrom must be a document (inserts only)");
    }
    Pieces pieces = new Pieces();
    if (contentFrom.length() > 0) {
      pieces.splice(0, 0, List.of(new Kept(0, contentFrom.length(), null, NOBODY)));
    }
    long visible = contentFrom.length();
    for (Authored op : ops) {
      if (op.delta().baseLength() > visible) {
        throw new InvalidDeltaException("change spans " + op.delta().baseLength()
            + " code units but the document has " + visible);
      }
      apply(pieces, op.delta(), op.userId());
      visible += op.delta().changeLength();
    }
    return emit(contentFrom, pieces);
  }

  // ---------------------------------------------------------------- replay

  /**
   * The pieces in document order, with their visible lengths beside them in an int array: finding
   * where an op starts scans that array, not the pieces, and an op replaces only the pieces it
   * touches.
   */
  private static final class Pieces {
    Object[] items = new Object[16];
    int[] visible = new int[16];
    int size;

    /** Replaces the pieces from..to-1 by {@code with}. */
    void splice(int from, int to, List<Object> with) {
      int grow = with.size() - (to - from);
      if (size + grow > items.length) {
        int cap = Math.max(items.length * 2, size + grow);
        items = java.util.Arrays.copyOf(items, cap);
        visible = java.util.Arrays.copyOf(visible, cap);
      }
      System.arraycopy(items, to, items, to + grow, size - to);
      System.arraycopy(visible, to, visible, to + grow, size - to);
      for (int k = 0; k < with.size(); k++) {
        items[from + k] = with.get(k);
        visible[from + k] = visibleLength(with.get(k));
      }
      for (int k = size + grow; k < size; k++) {
        items[k] = null;
      }
      size += grow;
    }
  }

  private static int visibleLength(Object p) {
    return p instanceof Kept k ? k.len() : p instanceof Added a ? a.ins().length() : 0;
  }

  private static void apply(Pieces pieces, Delta change, String user) {
    int c = 0;
    int skip = 0; // a leading plain retain: where the op starts changing things
    if (change.size() > 0 && change.op(0) instanceof Retain r && r.attributes() == null) {
      skip = r.length();
      c = 1;
    }
    if (c == change.size()) {
      return;
    }
    int i = 0; // current piece
    for (int[] vis = pieces.visible; i < pieces.size && vis[i] <= skip; i++) {
      skip -= vis[i];
    }
    int off = skip; // code units of piece i already passed
    int first = i > 0 ? i - 1 : 0; // the piece before too: what the op adds may merge into it
    List<Object> out = new ArrayList<>();
    for (int k = first; k < i; k++) {
      out.add(pieces.items[k]);
    }
    if (off > 0) {
      push(out, slice(pieces.items[i], 0, off));
    }
    Object[] items = pieces.items;
    for (; c < change.size(); c++) {
      Op op = change.op(c);
      if (op instanceof Insert ins) {
        push(out, new Added(ins, user));
        continue;
      }
      int left = op.length();
      Map<String, Object> attrs = op.attributes();
      while (left > 0) {
        Object p = items[i];
        if (p instanceof Gone) {
          push(out, p); // invisible: passed on wherever a retain or delete goes through
          i++;
          continue;
        }
        int len = visibleLength(p);
        int n = Math.min(left, len - off);
        Object piece = n == len ? p : slice(p, off, n);
        if (op instanceof Retain) {
          push(out, attrs == null ? piece : format(piece, attrs, user));
        } else if (piece instanceof Kept k) {
          push(out, new Gone(k.from(), k.len(), user));
        } // else: inserted within the range and deleted again — it never shows
        left -= n;
        off += n;
        if (off == len) {
          i++;
          off = 0;
        }
      }
    }
    if (off > 0) {
      push(out, slice(items[i], off, visibleLength(items[i]) - off));
      i++;
    }
    if (i < pieces.size) {
      push(out, items[i++]); // what follows may continue the last piece
    }
    pieces.splice(first, i, out);
  }

  private static Object slice(Object p, int off, int n) {
    if (p instanceof Kept k) {
      return new Kept(k.from() + off, n, k.fmt(), k.fmtBy());
    }
    Added a = (Added) p; // an embed has length 1, so only text is ever cut
    String text = a.ins().text().substring(off, off + n);
    return new Added(new Insert(text, null, a.ins().attributes()), a.by());
  }

  private static Object format(Object p, Map<String, Object> attrs, String user) {
    if (p instanceof Kept k) {
      // Composed as Delta.compose composes two retains, so applying fmt equals applying each.
      Object by = k.fmtBy() == NOBODY || Objects.equals(k.fmtBy(), user) ? user : SEVERAL;
      return new Kept(k.from(), k.len(), AttributeMaps.compose(k.fmt(), attrs, true), by);
    }
    Added a = (Added) p; // formatting keeps the inserter, as in Authorship
    Insert ins = a.ins();
    Map<String, Object> now = AttributeMaps.compose(ins.attributes(), attrs, false);
    return new Added(new Insert(ins.text(), ins.embed(), now), a.by());
  }

  /** Appends a piece, merging it into the last one when they continue each other. */
  private static void push(List<Object> out, Object p) {
    int last = out.size() - 1;
    if (last >= 0) {
      Object q = out.get(last);
      Object merged = null;
      if (q instanceof Kept a && p instanceof Kept b && a.from() + a.len() == b.from()
          && Objects.equals(a.fmtBy(), b.fmtBy()) && Values.deepEquals(a.fmt(), b.fmt())) {
        merged = new Kept(a.from(), a.len() + b.len(), a.fmt(), a.fmtBy());
      } else if (q instanceof Gone a && p instanceof Gone b && a.from() + a.len() == b.from()
          && Objects.equals(a.by(), b.by())) {
        merged = new Gone(a.from(), a.len() + b.len(), a.by());
      } else if (q instanceof Added a && p instanceof Added b && a.ins().text() != null
          && b.ins().text() != null && Objects.equals(a.by(), b.by())
          && Values.deepEquals(a.ins().attributes(), b.ins().attributes())) {
        merged = new Added(new Insert(a.ins().text().concat(b.ins().text()), null,
            b.ins().attributes()), a.by());
      }
      if (merged != null) {
        out.set(last, merged);
        return;
      }
    }
    out.add(p);
  }

  // ---------------------------------------------------------------- result

  private static List<Change> emit(Delta contentFrom, Pieces pieces) {
    Changes out = new Changes();
    OpIterator original = contentFrom.iterator();
    for (int i = 0; i < pieces.size; i++) {
      Object p = pieces.items[i];
      if (p instanceof Added a) {
        out.add(new Change(a.ins(), a.by()));
      } else if (p instanceof Gone g) {
        skip(original, g.len());
        out.add(new Change(new Delete(g.len()), g.by()));
      } else {
        Kept k = (Kept) p;
        if (k.fmt() == null) {
          skip(original, k.len());
          out.add(new Change(new Retain(k.len()), null));
          continue;
        }
        String by = k.fmtBy() == NOBODY || k.fmtBy() == SEVERAL ? null : (String) k.fmtBy();
        // The original's own attributes decide which format changes change anything.
        for (int left = k.len(); left > 0; ) {
          Op piece = original.next(left);
          Map<String, Object> eff = effective(piece.attributes(), k.fmt());
          out.add(new Change(new Retain(piece.length(), eff), eff == null ? null : by));
          left -= piece.length();
        }
      }
    }
    return out.build();
  }

  private static void skip(OpIterator it, int n) {
    while (n > 0) {
      n -= it.next(n).length();
    }
  }

  /**
   * The keys of the format change {@code fmt} that change text with attributes {@code a}:
   * composing {@code a} with the result equals composing it with {@code fmt}.
   */
  private static Map<String, Object> effective(Map<String, Object> a, Map<String, Object> fmt) {
    Map<String, Object> out = null;
    for (Map.Entry<String, Object> e : fmt.entrySet()) {
      String key = e.getKey();
      boolean inA = a != null && a.containsKey(key);
      boolean changes = e.getValue() == null ? inA : !(inA && Values.deepEquals(a.get(key), e.getValue()));
      if (changes) {
        if (out == null) {
          out = new java.util.LinkedHashMap<>();
        }
        out.put(key, e.getValue());
      }
    }
    return out;
  }

  /** Canonical order and merging of the result (the quill push rules, per author). */
  private static final class Changes {
    private final List<Change> out = new ArrayList<>();
    /** The inserts and deletes since the last retain: inserts go first. */
    private final List<Change> inserts = new ArrayList<>();
    private final List<Change> deletes = new ArrayList<>();

    void add(Change c) {
      if (c.op() instanceof Insert) {
        inserts.add(c);
      } else if (c.op() instanceof Delete) {
        deletes.add(c);
      } else {
        flush();
        merge(c);
      }
    }

    private void flush() {
      for (Change c : inserts) {
        merge(c);
      }
      for (Change c : deletes) {
        merge(c);
      }
      inserts.clear();
      deletes.clear();
    }

    private void merge(Change c) {
      int last = out.size() - 1;
      if (last >= 0 && Objects.equals(out.get(last).author(), c.author())) {
        Op a = out.get(last).op();
        Op b = c.op();
        Op merged = null;
        if (a instanceof Delete && b instanceof Delete) {
          merged = new Delete(a.length() + b.length());
        } else if (a instanceof Retain && b instanceof Retain
            && Values.deepEquals(a.attributes(), b.attributes())) {
          merged = new Retain(a.length() + b.length(), a.attributes());
        } else if (a instanceof Insert ia && b instanceof Insert ib && ia.text() != null
            && ib.text() != null && Values.deepEquals(ia.attributes(), ib.attributes())) {
          merged = new Insert(ia.text().concat(ib.text()), null, ib.attributes());
        }
        if (merged != null) {
          out.set(last, new Change(merged, c.author()));
          return;
        }
      }
      out.add(c);
    }

    List<Change> build() {
      flush();
      int last = out.size() - 1;
      if (last >= 0 && out.get(last).op() instanceof Retain r && r.attributes() == null) {
        out.remove(last);
      }
      return out;
    }
  }
}
