package io.verso.protocol;

import java.util.Locale;

/** A member's role on a document; on the wire the lower-case name. */
public enum Role {
  OWNER, EDITOR, COMMENTER, VIEWER;

  /** The wire name of "no role" (not a member) in auth-service answers and events. */
  public static final String NONE = "none";

  /** True when this role allows at least what {@code other} allows (OWNER > EDITOR > COMMENTER > VIEWER). */
  public boolean atLeast(Role other) {
    return ordinal() <= other.ordinal();
  }

  /**
   * The one role check, on every path (bridge, sequencer, API, membership changes; the browser app
   * mirrors it in roles.js): {@code role} if it allows at least what {@code needed} allows, else
   * FORBIDDEN. Null (not a member) is FORBIDDEN too; HTTP paths answer NOT_FOUND for it before
   * asking, so a stranger learns nothing of a document.
   */
  public static Role require(Role role, Role needed) {
    if (role == null) {
      throw ErrorCode.FORBIDDEN.exception("you have no access to this document");
    }
    if (!role.atLeast(needed)) {
      throw ErrorCode.FORBIDDEN.exception("your role (" + role.wire() + ") does not allow that: it takes "
          + needed.wire() + " or more");
    }
    return role;
  }

  /** The wire name of a role, or {@link #NONE} for null (not a member). */
  public static String wireOrNone(Role role) {
    return role == null ? NONE : role.wire();
  }

  /** The role of a wire name, or null for {@link #NONE}; BAD_REQUEST for anything else. */
  public static Role ofWireOrNone(String wire) {
    return NONE.equals(wire) ? null : of(wire);
  }

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
}
