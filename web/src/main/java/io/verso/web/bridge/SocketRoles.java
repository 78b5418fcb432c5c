package io.verso.web.bridge;

import io.verso.protocol.ErrorCode;
import io.verso.protocol.Role;
import io.vertx.core.Future;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * The roles one socket knows per document: asked once, then kept current by role-change events. The
 * latest word wins: an answer that was on its way when a change event came is not used — a registration
 * racing the user's removal must not be added with the role the user had before (auth may have read
 * the membership just before the removal committed, and its answer may arrive after the event).
 * A role that a share-link token helped give is remembered with that token: any change of the link, or
 * of the user's membership, asks again with it (the better of both roles is only known to auth), and
 * until the answer comes the socket's next frame about the document waits for it.
 * Used from the web verticle's context only.
 */
final class SocketRoles {
  /** Documents one socket may address (roles asked). */
  static final int MAX_DOCS = 256;

  /** How a role is asked: (docId, link token or null) → the role, or null for none. */
  interface Lookup extends BiFunction<String, String, Future<Role>> {}

  private record Known(String link, Future<Role> role) {}

  private final ServiceGrants vouched;
  private final Map<String, Known> known = new HashMap<>();

  /** @param vouched the documents and roles of a socket whose transport vouches for it (TCP bridge), else null */
  SocketRoles(ServiceGrants vouched) {
    this.vouched = vouched;
  }

  /**
   * The role on a document: granted, known, or asked with {@code lookup}. A frame bringing a link token
   * other than the one the known role was asked with asks again with it. Fails 403 without a role, 413
   * when the socket has asked about too many documents; a failed lookup is asked again next time.
   */
  Future<Role> of(String docId, String link, Lookup lookup) {
    if (vouched != null) {
      Role granted = vouched.roleOn(docId);
      return granted != null ? Future.succeededFuture(granted)
          : Future.failedFuture(ErrorCode.FORBIDDEN.exception("this service has no grant on this document"));
    }
    Known k = known.get(docId);
    if (k == null || (link != null && !link.equals(k.link()))) {
      if (k == null && known.size() >= MAX_DOCS) {
        return Future.failedFuture(ErrorCode.TOO_LARGE.exception("too many documents on one socket"));
      }
      k = ask(docId, link, lookup);
    }
    Future<Role> used = k.role();
    return used.compose(answer -> {
      Known now = known.get(docId);
      return now != null && now.role() != used ? now.role() : Future.succeededFuture(answer); // a change came meanwhile: it wins
    }).compose(r -> r == null
        ? Future.failedFuture(ErrorCode.FORBIDDEN.exception("you have no access to this document"))
        : Future.succeededFuture(r));
  }

  /**
   * A role-change event for this socket's user (null: removed). Applies to the documents the socket knows
   * or is asking about; any other is asked when the socket first needs it. Answers the role the socket
   * has now: {@code role} itself, or — where a link token counts too — the answer of asking again.
   */
  Future<Role> changed(String docId, Role role, Lookup lookup) {
    Known k = known.get(docId);
    if (k != null && k.link() != null) {
      return ask(docId, k.link(), lookup).role();
    }
    if (k != null) {
      known.put(docId, new Known(null, Future.succeededFuture(role)));
    }
    return Future.succeededFuture(role);
  }

  /** The document's link changed: a role asked with a link token is asked again (its answer), else null. */
  Future<Role> linkChanged(String docId, Lookup lookup) {
    Known k = known.get(docId);
    return k == null || k.link() == null ? null : ask(docId, k.link(), lookup).role();
  }

  private Known ask(String docId, String link, Lookup lookup) {
    Known k = new Known(link, lookup.apply(docId, link));
    known.put(docId, k);
    k.role().onFailure(t -> known.remove(docId, k));
    return k;
  }
}
