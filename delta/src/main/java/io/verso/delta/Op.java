package io.verso.delta;

import java.util.Map;

/** One Quill Delta operation: an insert, a retain or a delete. Lengths count UTF-16 code units. */
public sealed interface Op permits Insert, Retain, Delete {
  /** Length in UTF-16 code units (an embed counts 1). */
  int length();

  /** The attributes of this op, or null when there are none (always null for a delete). */
  Map<String, Object> attributes();
}
