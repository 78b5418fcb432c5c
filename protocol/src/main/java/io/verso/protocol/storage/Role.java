package io.verso.protocol.storage;

import java.util.Locale;

/** A member's role on a document; on the wire the lower-case name. */
public enum Role {
  OWNER, EDITOR, COMMENTER, VIEWER;

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The role of a wire name; BAD_REQUEST for anything else (including null). */
  public static Role of(String wire) {
    if (wire != null) {
      for (Role r : values()) {
        if (r.wire().equals(wire)) {
          return r;
        }
      }
    }
    throw Fields.bad("role must be one of owner, editor, commenter, viewer");
  }

  /** The role of a wire name, or null when the name is null. */
  public static Role ofNullable(String wire) {
    return wire == null ? null : of(wire);
  }
}
