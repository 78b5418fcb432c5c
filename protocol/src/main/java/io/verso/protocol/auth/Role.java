package io.verso.protocol.auth;

import java.util.Locale;

/** A user's role on one document, from most to least powerful. On the wire: the lowercase name. */
public enum Role {
  OWNER(4),
  EDITOR(3),
  COMMENTER(2),
  VIEWER(1);

  private final int rank;

  Role(int rank) {
    this.rank = rank;
  }

  /** True when this role allows at least what {@code other} allows. */
  public boolean atLeast(Role other) {
    return rank >= other.rank;
  }

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The role for a wire name; null for null; IllegalArgumentException for anything else. */
  public static Role fromWire(String value) {
    if (value == null) {
      return null;
    }
    for (Role r : values()) {
      if (r.wire().equals(value)) {
        return r;
      }
    }
    throw new IllegalArgumentException("unknown role");
  }
}
