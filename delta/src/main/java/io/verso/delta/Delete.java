package io.verso.delta;

import java.util.Map;

/** Deletes {@code length} code units. */
public record Delete(int length) implements Op {

  public Delete {
    if (length < 0) {
      throw new IllegalArgumentException("negative delete length " + length);
    }
  }

  @Override
  public Map<String, Object> attributes() {
    return null;
  }

  @Override
  public String toString() {
    return "{\"delete\":" + length + "}";
  }
}
