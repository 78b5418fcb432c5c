package io.verso.web.bridge;

import io.verso.protocol.ErrorCode;
import io.verso.protocol.Role;
import io.vertx.core.Future;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The roles one socket knows per document: asked once, then kept current by role-change events. The
 * latest word wins: an answer that was on its way when a change event came is not used — a registration
 * racing the user's removal must not be added with the role the user had before (auth may have read
 * the membership just before the removal committed, and its answer may arrive after the event).
 * Used from the web verticle's context only.
 */
final class SocketRoles {
  /** Documents one socket may address (roles asked). */
  static final int MAX_DOCS = 256;

  private final ServiceGrants vouched;
  private final Map<String, Future<Role>> known = new HashMap<>();

  /** @param vouched the documents and roles of a socket whose transport vouches for it (TCP bridge), else null */
  SocketRoles(ServiceGrants vouched) {
    this.vouched = vouched;
  }

  /**
   * The role on a document: granted, known, or asked with {@code lookup} (a role or null for none). Fails
   * 403 without a role, 413 when the socket has asked about too many documents; a failed lookup is
   * asked again next time.
   */
  Future<Role> of(String docId, Function<String, Future<Role>> lookup) {
    if (vouched != null) {
      Role granted = vouched.roleOn(docId);
      return granted != null ? Future.succeededFuture(granted)
          : Future.failedFuture(ErrorCode.FORBIDDEN.exception("this service has no grant on this document"));
    }
    Future<Role> role = known.get(docId);
    if (role == null) {
      if (known.size() >= MAX_DOCS) {
        return Future.failedFuture(ErrorCode.TOO_LARGE.exception("too many documents on one socket"));
      }
      Future<Role> asked = lookup.apply(docId);
      known.put(docId, asked);
      asked.onFailure(t -> known.remove(docId, asked));
      role = asked;
    }
    Future<Role> used = role;
    return role.compose(answer -> {
      Future<Role> now = known.get(docId);
      return now != null && now != used ? now : Future.succeededFuture(answer); // a change came meanwhile: it wins
    }).compose(r -> r == null
        ? Future.failedFuture(ErrorCode.FORBIDDEN.exception("you have no access to this document"))
        : Future.succeededFuture(r));
  }

  /**
   * A role-change event for this socket's user (null: removed). Applies to the documents the socket knows
   * or is asking about; any other is asked when the socket first needs it.
   */
  void changed(String docId, Role role) {
    if (known.containsKey(docId)) {
      known.put(docId, Future.succeededFuture(role));
    }
  }
}
