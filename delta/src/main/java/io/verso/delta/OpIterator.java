package io.verso.delta;

/**
 * Walks the ops of a delta in pieces, like quill-delta's OpIterator. Past the end it yields an
 * endless retain ({@link #INFINITY} stands for JavaScript's Infinity).
 */
final class OpIterator {
  static final int INFINITY = Integer.MAX_VALUE;
  static final Retain END = new Retain(INFINITY, null);

  enum Type { INSERT, RETAIN, DELETE }

  private final Op[] ops;
  private final int count;
  private int index;
  private int offset;

  OpIterator(Op[] ops, int count) {
    this.ops = ops;
    this.count = count;
  }

  boolean hasNext() {
    return index < count;
  }

  Op peek() {
    return index < count ? ops[index] : null;
  }

  int peekLength() {
    return index < count ? ops[index].length() - offset : INFINITY;
  }

  Type peekType() {
    if (index < count) {
      Op op = ops[index];
      if (op instanceof Delete) {
        return Type.DELETE;
      }
      if (op instanceof Retain) {
        return Type.RETAIN;
      }
      return Type.INSERT;
    }
    return Type.RETAIN;
  }

  /** The next whole (remaining) op. */
  Op next() {
    return next(INFINITY);
  }

  /** The next piece of at most {@code length} code units (0 means "all", as in quill). */
  Op next(int length) {
    if (length <= 0) {
      length = INFINITY;
    }
    if (index >= count) {
      return END;
    }
    Op op = ops[index];
    int off = offset;
    int opLength = op.length();
    if (length >= opLength - off) {
      length = opLength - off;
      index++;
      offset = 0;
      if (off == 0) {
        return op;
      }
    } else {
      offset += length;
    }
    if (op instanceof Delete) {
      return new Delete(length);
    }
    if (op instanceof Retain r) {
      return new Retain(length, r.attributes());
    }
    Insert ins = (Insert) op;
    if (ins.text() != null) {
      return new Insert(ins.text().substring(off, off + length), null, ins.attributes());
    }
    return ins;
  }

  /** The remaining ops, without moving. */
  Op[] rest() {
    if (index >= count) {
      return new Op[0];
    }
    if (offset == 0) {
      Op[] out = new Op[count - index];
      System.arraycopy(ops, index, out, 0, out.length);
      return out;
    }
    int savedIndex = index;
    int savedOffset = offset;
    Op first = next();
    Op[] out = new Op[count - index + 1];
    out[0] = first;
    System.arraycopy(ops, index, out, 1, count - index);
    index = savedIndex;
    offset = savedOffset;
    return out;
  }
}
