package io.verso.web.bridge;

import io.verso.protocol.Role;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * What one TCP bridge service may touch: documents by id or by id prefix, each read-only (the viewer
 * role: register on events, read) or edit (the editor role). Anything not granted is refused (403) on
 * every {@code send} and {@code register}. Written as {@code "ID=read"}, {@code "PREFIX*=edit"} (a
 * trailing {@code *}: every id that starts with PREFIX; {@code "*=edit"} alone: every document), or
 * as JSON {@code {"doc": ID, "access": "read"}} / {@code {"prefix": P, "access": "edit"}}.
 */
public record ServiceGrants(List<Grant> grants) {

  /** One grant: {@code prefix} true means {@code target} is an id prefix, else an exact id. */
  public record Grant(String target, boolean prefix, Role role) {
    boolean covers(String docId) {
      return prefix ? docId.startsWith(target) : docId.equals(target);
    }
  }

  public ServiceGrants {
    grants = List.copyOf(grants);
  }

  /** Every document with one role (tests, and sockets whose transport vouches for everything). */
  public static ServiceGrants everything(Role role) {
    return new ServiceGrants(List.of(new Grant("", true, role)));
  }

  /** The most a grant allows on {@code docId}, or null when none covers it. */
  public Role roleOn(String docId) {
    Role best = null;
    for (Grant g : grants) {
      if (docId != null && g.covers(docId) && (best == null || g.role().atLeast(best))) {
        best = g.role();
      }
    }
    return best;
  }

  /** Grants written as {@code "a=read, team-*=edit"}. */
  public static ServiceGrants parse(String spec) {
    List<Grant> list = new ArrayList<>();
    for (String item : spec.split(",")) {
      if (!item.isBlank()) {
        list.add(grant(item.trim()));
      }
    }
    return checked(list);
  }

  /** Grants from JSON: an array of strings ({@link #parse}'s items) or objects, or one string. */
  public static ServiceGrants fromJson(Object json) {
    if (json instanceof String s) {
      return parse(s);
    }
    if (!(json instanceof JsonArray arr)) {
      throw new IllegalArgumentException("grants must be a string or an array");
    }
    List<Grant> list = new ArrayList<>();
    for (Object o : arr) {
      if (o instanceof String s) {
        list.add(grant(s.trim()));
      } else if (o instanceof JsonObject g) {
        String doc = g.getString("doc");
        String prefix = g.getString("prefix");
        if ((doc == null) == (prefix == null)) {
          throw new IllegalArgumentException("a grant names either \"doc\" or \"prefix\": " + g.encode());
        }
        list.add(new Grant(doc != null ? doc : prefix, prefix != null, access(g.getString("access"))));
      } else {
        throw new IllegalArgumentException("a grant is a string or an object, not " + o);
      }
    }
    return checked(list);
  }

  private static Grant grant(String item) {
    int eq = item.lastIndexOf('=');
    if (eq <= 0) {
      throw new IllegalArgumentException("a grant is ID=read|edit or PREFIX*=read|edit, not '" + item + "'");
    }
    String target = item.substring(0, eq).trim();
    Role role = access(item.substring(eq + 1).trim());
    return target.endsWith("*")
        ? new Grant(target.substring(0, target.length() - 1), true, role)
        : new Grant(target, false, role);
  }

  private static Role access(String access) {
    if ("read".equals(access)) {
      return Role.VIEWER;
    }
    if ("edit".equals(access)) {
      return Role.EDITOR;
    }
    throw new IllegalArgumentException("a grant's access is read or edit, not '" + access + "'");
  }

  private static ServiceGrants checked(List<Grant> list) {
    if (list.isEmpty()) {
      throw new IllegalArgumentException("a service needs at least one grant");
    }
    return new ServiceGrants(list);
  }
}
