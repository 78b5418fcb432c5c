package io.verso.delta;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * An immutable Quill Delta: a document (only inserts) or a change (inserts, retains, deletes). All
 * operations have the semantics of quill-delta 5.1.0. Lengths count UTF-16 code units.
 *
 * <p>Deltas built through {@link Builder} or {@link #of} are canonical (quill's push rules: adjacent
 * ops with equal attributes merge, an insert pushed after a delete goes before it, zero-length ops
 * are dropped, empty attribute maps become null). Like quill, {@link #concat} and {@link #slice}
 * append their pieces without re-running the push rules past the junction.
 */
public final class Delta {
  public static final Delta EMPTY = new Delta(new Op[0], 0);

  private final Op[] ops;
  private final int count;
  private final int length;
  private final int inserted;
  private final int deleted;
  private final int retained;

  private Delta(Op[] ops, int count) {
    this.ops = ops;
    this.count = count;
    long ins = 0;
    long del = 0;
    long ret = 0;
    for (int i = 0; i < count; i++) {
      Op op = ops[i];
      if (op instanceof Insert) {
        ins += op.length();
      } else if (op instanceof Delete) {
        del += op.length();
      } else {
        ret += op.length();
      }
    }
    long total = ins + del + ret;
    if (total > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("delta longer than " + Integer.MAX_VALUE);
    }
    this.length = (int) total;
    this.inserted = (int) ins;
    this.deleted = (int) del;
    this.retained = (int) ret;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A canonical delta from any ops (pushed one by one through the push rules). */
  public static Delta of(List<Op> ops) {
    Builder b = new Builder(ops.size());
    for (Op op : ops) {
      b.push(op);
    }
    return b.build();
  }

  public static Delta of(Op... ops) {
    return of(Arrays.asList(ops));
  }

  private static Delta raw(List<Op> ops) {
    if (ops.isEmpty()) {
      return EMPTY;
    }
    return new Delta(ops.toArray(new Op[0]), ops.size());
  }

  public List<Op> ops() {
    return Collections.unmodifiableList(Arrays.asList(ops).subList(0, count));
  }

  /** Number of ops. */
  public int size() {
    return count;
  }

  /** The i-th op. */
  public Op op(int i) {
    if (i < 0 || i >= count) {
      throw new IndexOutOfBoundsException(i);
    }
    return ops[i];
  }

  /** Sum of the op lengths (quill's {@code length()}). */
  public int length() {
    return length;
  }

  /** Inserted minus deleted code units. */
  public int changeLength() {
    return inserted - deleted;
  }

  /** Retained plus deleted code units: the minimum length of a document this change applies to. */
  public int baseLength() {
    return retained + deleted;
  }

  /** Only inserts. */
  public boolean isDocument() {
    return retained == 0 && deleted == 0;
  }

  /** Without a trailing retain that carries no attributes. */
  public Delta chop() {
    if (count > 0 && ops[count - 1] instanceof Retain r && r.attributes() == null) {
      return count == 1 ? EMPTY : new Delta(ops, count - 1);
    }
    return this;
  }

  public Delta slice(int start, int end) {
    ArrayList<Op> out = new ArrayList<>();
    OpIterator iter = iterator();
    int index = 0;
    while (index < end && iter.hasNext()) {
      Op next;
      if (index < start) {
        next = iter.next(start - index);
      } else {
        next = iter.next(end - index);
        out.add(next);
      }
      index += next.length();
    }
    return raw(out);
  }

  public Delta slice(int start) {
    return slice(start, OpIterator.INFINITY);
  }

  public Delta concat(Delta other) {
    if (other.count == 0) {
      return this;
    }
    Builder b = new Builder(count + other.count);
    for (int i = 0; i < count; i++) {
      b.ops.add(ops[i]);
    }
    b.push(other.ops[0]);
    for (int i = 1; i < other.count; i++) {
      b.ops.add(other.ops[i]);
    }
    return b.build();
  }

  /** This change followed by {@code other}, as one change. */
  public Delta compose(Delta other) {
    OpIterator thisIter = iterator();
    OpIterator otherIter = other.iterator();
    Builder out = new Builder(count + other.count);
    Op firstOther = otherIter.peek();
    if (firstOther instanceof Retain fr && fr.attributes() == null) {
      int firstLeft = fr.length();
      while (thisIter.peekType() == OpIterator.Type.INSERT && thisIter.peekLength() <= firstLeft) {
        firstLeft -= thisIter.peekLength();
        out.ops.add(thisIter.next());
      }
      if (fr.length() - firstLeft > 0) {
        otherIter.next(fr.length() - firstLeft);
      }
    }
    while (thisIter.hasNext() || otherIter.hasNext()) {
      if (otherIter.peekType() == OpIterator.Type.INSERT) {
        out.push(otherIter.next());
      } else if (thisIter.peekType() == OpIterator.Type.DELETE) {
        out.push(thisIter.next());
      } else {
        int len = Math.min(thisIter.peekLength(), otherIter.peekLength());
        Op thisOp = thisIter.next(len);
        Op otherOp = otherIter.next(len);
        if (otherOp instanceof Retain otherRetain) {
          boolean thisRetain = thisOp instanceof Retain;
          Map<String, Object> attrs =
              AttributeMaps.compose(thisOp.attributes(), otherRetain.attributes(), thisRetain);
          Op newOp;
          if (thisRetain) {
            newOp = new Retain(len, attrs);
          } else {
            Insert ins = (Insert) thisOp;
            newOp = attrs == ins.attributes() ? ins : new Insert(ins.text(), ins.embed(), attrs);
          }
          out.push(newOp);
          if (!otherIter.hasNext() && !out.ops.isEmpty()
              && out.ops.get(out.ops.size() - 1).equals(newOp)) {
            Op[] rest = thisIter.rest();
            if (rest.length > 0) {
              out.push(rest[0]);
              for (int i = 1; i < rest.length; i++) {
                out.ops.add(rest[i]);
              }
            }
            return out.build().chop();
          }
        } else if (otherOp instanceof Delete && thisOp instanceof Retain) {
          out.push(otherOp);
        }
        // otherwise: insert followed by delete cancels out
      }
    }
    return out.build().chop();
  }

  /**
   * {@code other} transformed against this concurrent change. With {@code priority}, this change
   * is considered first (its inserts go before {@code other}'s at the same index).
   */
  public Delta transform(Delta other, boolean priority) {
    OpIterator thisIter = iterator();
    OpIterator otherIter = other.iterator();
    Builder out = new Builder(count + other.count);
    while (thisIter.hasNext() || otherIter.hasNext()) {
      if (thisIter.peekType() == OpIterator.Type.INSERT
          && (priority || otherIter.peekType() != OpIterator.Type.INSERT)) {
        out.retain(thisIter.next().length());
      } else if (otherIter.peekType() == OpIterator.Type.INSERT) {
        out.push(otherIter.next());
      } else {
        int len = Math.min(thisIter.peekLength(), otherIter.peekLength());
        Op thisOp = thisIter.next(len);
        Op otherOp = otherIter.next(len);
        if (thisOp instanceof Delete) {
          continue;
        }
        if (otherOp instanceof Delete) {
          out.push(otherOp);
        } else {
          out.retain(len, AttributeMaps.transform(thisOp.attributes(), otherOp.attributes(), priority));
        }
      }
    }
    return out.build().chop();
  }

  /** Where {@code index} moves to after this change (priority: stay before an insert at index). */
  public int transformPosition(int index, boolean priority) {
    OpIterator iter = iterator();
    int offset = 0;
    while (iter.hasNext() && offset <= index) {
      int len = iter.peekLength();
      OpIterator.Type type = iter.peekType();
      iter.next();
      if (type == OpIterator.Type.DELETE) {
        index -= Math.min(len, index - offset);
        continue;
      } else if (type == OpIterator.Type.INSERT && (offset < index || !priority)) {
        index += len;
      }
      offset += len;
    }
    return index;
  }

  /** The change undoing this one, given the document {@code base} it applied to. */
  public Delta invert(Delta base) {
    Builder inverted = new Builder();
    int baseIndex = 0;
    for (int i = 0; i < count; i++) {
      Op op = ops[i];
      if (op instanceof Insert) {
        inverted.delete(op.length());
      } else if (op instanceof Retain r && r.attributes() == null) {
        inverted.retain(r.length());
        baseIndex += r.length();
      } else {
        int len = op.length();
        Delta slice = base.slice(baseIndex, baseIndex + len);
        for (int j = 0; j < slice.count; j++) {
          Op baseOp = slice.ops[j];
          if (op instanceof Delete) {
            inverted.push(baseOp);
          } else {
            inverted.retain(baseOp.length(), AttributeMaps.invert(op.attributes(), baseOp.attributes()));
          }
        }
        baseIndex += len;
      }
    }
    return inverted.build().chop();
  }

  /**
   * The change turning this document into {@code other} (both documents), computed exactly as
   * quill-delta does (fast-diff with semantic cleanup on the texts, each embed as U+0000).
   */
  public Delta diff(Delta other) {
    if (this == other) {
      return EMPTY;
    }
    String a = diffText(this, "with");
    String b = diffText(other, "on");
    Builder out = new Builder();
    List<FastDiff.Diff> diffs = FastDiff.diff(a, b);
    OpIterator thisIter = iterator();
    OpIterator otherIter = other.iterator();
    for (FastDiff.Diff component : diffs) {
      int length = component.text.length();
      while (length > 0) {
        int opLength;
        switch (component.op) {
          case FastDiff.INSERT -> {
            opLength = Math.min(otherIter.peekLength(), length);
            out.push(otherIter.next(opLength));
          }
          case FastDiff.DELETE -> {
            opLength = Math.min(length, thisIter.peekLength());
            thisIter.next(opLength);
            out.delete(opLength);
          }
          default -> {
            opLength = Math.min(Math.min(thisIter.peekLength(), otherIter.peekLength()), length);
            Op thisOp = thisIter.next(opLength);
            Op otherOp = otherIter.next(opLength);
            if (sameInsert(thisOp, otherOp)) {
              out.retain(opLength, AttributeMaps.diff(thisOp.attributes(), otherOp.attributes()));
            } else {
              out.push(otherOp).delete(opLength);
            }
          }
        }
        length -= opLength;
      }
    }
    return out.build().chop();
  }

  private static boolean sameInsert(Op a, Op b) {
    if (a instanceof Insert ia && b instanceof Insert ib) {
      if (ia.text() != null) {
        return ia.text().equals(ib.text());
      }
      return ib.embed() != null && Values.deepEquals(ia.embed(), ib.embed());
    }
    return false;
  }

  private static String diffText(Delta d, String prep) {
    StringBuilder sb = new StringBuilder(d.length);
    for (int i = 0; i < d.count; i++) {
      Op op = d.ops[i];
      if (!(op instanceof Insert ins)) {
        throw new IllegalArgumentException("diff() called " + prep + " non-document");
      }
      if (ins.text() != null) {
        sb.append(ins.text());
      } else {
        sb.append('\0');
      }
    }
    return sb.toString();
  }

  OpIterator iterator() {
    return new OpIterator(ops, count);
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof Delta other) || other.count != count) {
      return false;
    }
    for (int i = 0; i < count; i++) {
      if (!ops[i].equals(other.ops[i])) {
        return false;
      }
    }
    return true;
  }

  @Override
  public int hashCode() {
    int h = 1;
    for (int i = 0; i < count; i++) {
      h = 31 * h + ops[i].hashCode();
    }
    return h;
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("[");
    for (int i = 0; i < count; i++) {
      if (i > 0) {
        sb.append(',');
      }
      Values.appendOp(sb, ops[i]);
    }
    return sb.append(']').toString();
  }

  /** Builds a canonical delta with quill-delta's push rules. Not thread-safe; one use. */
  public static final class Builder {
    final ArrayList<Op> ops;

    Builder() {
      ops = new ArrayList<>(4);
    }

    Builder(int capacity) {
      ops = new ArrayList<>(Math.max(4, capacity));
    }

    public Builder insert(String text) {
      return insert(text, null);
    }

    public Builder insert(String text, Map<String, Object> attrs) {
      if (text == null) {
        throw new IllegalArgumentException("null text");
      }
      if (text.isEmpty()) {
        return this;
      }
      return push(new Insert(text, null, attrs));
    }

    public Builder insertEmbed(Map<String, Object> embed, Map<String, Object> attrs) {
      return push(new Insert(null, embed, attrs));
    }

    public Builder retain(int n) {
      return retain(n, null);
    }

    public Builder retain(int n, Map<String, Object> attrs) {
      if (n <= 0) {
        return this;
      }
      return push(new Retain(n, attrs));
    }

    public Builder delete(int n) {
      if (n <= 0) {
        return this;
      }
      return push(new Delete(n));
    }

    /** Appends one op with the push rules (merging, insert-before-delete, dropping empty ops). */
    public Builder push(Op newOp) {
      if (newOp.length() == 0) {
        return this;
      }
      int index = ops.size();
      if (index > 0) {
        Op lastOp = ops.get(index - 1);
        if (newOp instanceof Delete && lastOp instanceof Delete) {
          ops.set(index - 1, new Delete(addLengths(lastOp.length(), newOp.length())));
          return this;
        }
        if (lastOp instanceof Delete && newOp instanceof Insert) {
          index -= 1;
          if (index == 0) {
            ops.add(0, newOp);
            return this;
          }
          lastOp = ops.get(index - 1);
        }
        if (Values.deepEquals(newOp.attributes(), lastOp.attributes())) {
          if (newOp instanceof Insert ni && ni.text() != null
              && lastOp instanceof Insert li && li.text() != null) {
            ops.set(index - 1, new Insert(li.text().concat(ni.text()), null, ni.attributes()));
            return this;
          }
          if (newOp instanceof Retain && lastOp instanceof Retain) {
            ops.set(index - 1,
                new Retain(addLengths(lastOp.length(), newOp.length()), newOp.attributes()));
            return this;
          }
        }
      }
      if (index == ops.size()) {
        ops.add(newOp);
      } else {
        ops.add(index, newOp);
      }
      return this;
    }

    private static int addLengths(int a, int b) {
      long sum = (long) a + b;
      if (sum > Integer.MAX_VALUE) {
        throw new IllegalArgumentException("op length overflows int");
      }
      return (int) sum;
    }

    /** The delta built so far (not chopped). */
    public Delta build() {
      return raw(ops);
    }
  }
}
