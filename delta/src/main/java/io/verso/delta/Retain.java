package io.verso.delta;

import java.util.Map;

/** Keeps {@code length} code units, optionally formatting them (an attribute value null removes it). */
public record Retain(int length, Map<String, Object> attributes) implements Op {

  public Retain {
    if (length < 0) {
      throw new IllegalArgumentException("negative retain length " + length);
    }
    attributes = Values.freezeAttributes(attributes);
  }

  public Retain(int length) {
    this(length, null);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Retain other
        && length == other.length
        && Values.deepEquals(attributes, other.attributes);
  }

  @Override
  public int hashCode() {
    return 31 * length + Values.hash(attributes);
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder();
    Values.appendOp(sb, this);
    return sb.toString();
  }
}
