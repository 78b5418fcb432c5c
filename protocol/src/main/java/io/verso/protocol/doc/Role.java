package io.verso.protocol.doc;

import java.util.Locale;

/** Roles per document, weakest first. */
public enum Role {
  VIEWER, COMMENTER, EDITOR, OWNER;

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  public boolean canEdit() {
    return this == EDITOR || this == OWNER;
  }

  /** The role of a wire name, or null for null / unknown names. */
  public static Role parse(String s) {
    if (s == null) {
      return null;
    }
    for (Role r : values()) {
      if (r.wire().equals(s)) {
        return r;
      }
    }
    return null;
  }
}
