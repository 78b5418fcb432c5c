package io.verso.delta;

/**
 * A comment's range of text, {@code [index, index + length)} in code units, moved through committed
 * ops by the OT position rules (see docs/comments.md).
 *
 * <p>Text inserted at either edge stays outside the range, text inserted strictly inside grows it,
 * deletions shrink it. When all of its text is deleted the anchor becomes detached: length 0 at the
 * place its text was, and it stays detached (its position still moves). An anchor created with
 * length 0 is a point: never detached, it moves like another client's caret.
 */
public record Anchor(int index, int length, boolean detached) {

  public Anchor {
    if (index < 0 || length < 0) {
      throw new IllegalArgumentException("negative anchor " + index + "+" + length);
    }
    if (detached && length != 0) {
      throw new IllegalArgumentException("a detached anchor has no length");
    }
  }

  /** An attached anchor, checked against a document of {@code docLength} code units. */
  public static Anchor of(int index, int length, int docLength) {
    if (index < 0 || length < 0 || (long) index + length > docLength) {
      throw new IllegalArgumentException(
          "anchor " + index + "+" + length + " outside a document of " + docLength);
    }
    return new Anchor(index, length, false);
  }

  /** The exclusive end of the range. */
  public int end() {
    return index + length;
  }

  /** This anchor after {@code committedOp}, a change applied to the document the anchor is in. */
  public Anchor transform(Delta committedOp) {
    if (detached || length == 0) {
      // a point goes after text typed at it, as a caret does (quill's default priority)
      return new Anchor(committedOp.transformPosition(index, false), 0, detached);
    }
    // start without priority moves past an insert at it, end with priority stays before one:
    // inserts at either edge land outside, inserts strictly inside grow the range
    int start = committedOp.transformPosition(index, false);
    int end = committedOp.transformPosition(end(), true);
    if (end <= start) {
      return new Anchor(start, 0, true);
    }
    return new Anchor(start, end - start, false);
  }
}
