package io.verso.history;

import io.verso.protocol.Addresses;
import io.verso.protocol.ErrorCode;
import io.verso.protocol.Role;
import io.verso.protocol.storage.DocRecord;
import io.verso.runtime.Bus;
import io.vertx.core.Future;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonObject;

/**
 * The role check every history request starts with: the documents service's {@code verso.docs.get}
 * as the acting user (NOT_FOUND for a non-member, so a stranger learns nothing), then editor or
 * better (FORBIDDEN otherwise): viewers and commenters see no history, as in Google Docs. Never
 * cached, so a role change counts from the next request.
 */
final class HistoryAccess {
  /** Who asks, with what role, about which document, whose committed head is {@code headRev}. */
  record Access(String docId, String userId, Role role, long headRev) {
    /**
     * Options carrying this user's identity to a document's sequencer, as the bridge stamps it, and
     * that the history service sends them (what lets a restore use its reserved client id).
     */
    DeliveryOptions stamped(long timeoutMs) {
      return new DeliveryOptions().setSendTimeout(timeoutMs)
          .addHeader(Addresses.HEADER_USER_ID, userId).addHeader(Addresses.HEADER_ROLE, role.wire())
          .addHeader(Addresses.HEADER_ORIGIN, Addresses.ORIGIN_HISTORY);
    }

    /** NOT_FOUND unless {@code rev} is a revision made by an op (1..head), the only ones a name can mark. */
    long requireOpRev(long rev) {
      if (rev == 0) {
        throw ErrorCode.NOT_FOUND.exception("revision 0 (the empty document) has no op");
      }
      return requireRev(rev);
    }

    /** NOT_FOUND unless {@code rev} is a revision of the document (0..head). */
    long requireRev(long rev) {
      if (rev > headRev) {
        throw ErrorCode.NOT_FOUND.exception("revision " + rev + " is beyond the head (" + headRev + ")");
      }
      return rev;
    }
  }

  private final EventBus bus;

  HistoryAccess(EventBus bus) {
    this.bus = bus;
  }

  /** {@code link}: the share-link token the request came with (null: none), passed on to the role check. */
  Future<Access> editor(String docId, String userId, String link) {
    if (userId == null || userId.isEmpty()) {
      return Future.failedFuture(ErrorCode.UNAUTHENTICATED.exception("no verified user"));
    }
    DeliveryOptions asUser = new DeliveryOptions().addHeader(Addresses.HEADER_USER_ID, userId);
    if (link != null) {
      asUser.addHeader(Addresses.HEADER_LINK, link);
    }
    return Bus.request(bus, Addresses.DOCS_GET, new JsonObject().put("docId", docId), asUser)
        .map(doc -> {
          Role role = Role.require(Role.ofWireOrNone(doc.getString("role")), Role.EDITOR);
          return new Access(docId, userId, role, DocRecord.fromJson(doc).headRev());
        });
  }
}
