package io.verso.auth;

import io.verso.protocol.Addresses;
import io.verso.protocol.ErrorCode;
import io.verso.protocol.Role;
import io.verso.protocol.auth.RoleChanged;
import io.verso.protocol.storage.DocIdRequest;
import io.verso.protocol.storage.MemberRequest;
import io.verso.protocol.storage.TrashedDoc;
import io.verso.protocol.storage.UserIdRequest;
import io.verso.runtime.Bus;
import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonObject;

/**
 * Who may put a document in the trash and take it out: its owners only. Moving it there makes it
 * nobody's (storage answers no role), so every member, owners included, then gets NOT_FOUND on it
 * like a stranger; only the trash's own requests see it, and only for an owner — another member
 * asking about a trashed document learns nothing (NOT_FOUND), an editor or viewer of a live one is
 * FORBIDDEN to trash it. The events tell the open pages and the sequencer.
 */
public final class DocumentTrash {
  private final EventBus bus;
  private final Memberships members;

  public DocumentTrash(EventBus bus, Memberships members) {
    this.bus = bus;
    this.members = members;
  }

  /**
   * Moves the document to the trash (owner only), then publishes {@code DOCS_TRASHED} (open pages are
   * told, the sequencer unloads) and every member's loss of its role, as a deletion did.
   */
  public Future<Void> trash(String docId, String actingUserId) {
    return members.requireRole(docId, actingUserId, Role.OWNER)
        .compose(role -> members.members(docId))
        .compose(former -> Bus.request(bus, Addresses.STORAGE_DOC_TRASH, new MemberRequest(docId, actingUserId, null).toJson())
            .onSuccess(ignored -> {
              bus.publish(Addresses.DOCS_TRASHED, new DocIdRequest(docId).toJson());
              former.forEach(m -> bus.publish(Addresses.AUTH_ROLE_CHANGED, new RoleChanged(docId, m.userId(), null).toJson()));
            }))
        .mapEmpty();
  }

  /** The trashed documents the acting user owns: {docs:[TrashedDoc…]}. */
  public Future<JsonObject> list(String actingUserId) {
    if (actingUserId == null || actingUserId.isEmpty()) {
      return Future.failedFuture(ErrorCode.UNAUTHENTICATED.exception("no verified user"));
    }
    return Bus.request(bus, Addresses.STORAGE_TRASH_LIST, new UserIdRequest(actingUserId).toJson())
        .map(r -> TrashedDoc.listToJson(TrashedDoc.listFromJson(r)));
  }

  /** Takes it out of the trash (an owner of it), then gives every member its role back on the open sockets. */
  public Future<Void> restore(String docId, String actingUserId) {
    return requireTrashedOwner(docId, actingUserId)
        .compose(v -> Bus.request(bus, Addresses.STORAGE_DOC_RESTORE, new DocIdRequest(docId).toJson()))
        .compose(v -> members.members(docId))
        .onSuccess(back -> back.forEach(m -> bus.publish(Addresses.AUTH_ROLE_CHANGED,
            new RoleChanged(docId, m.userId(), m.role()).toJson())))
        .mapEmpty();
  }

  /** Deletes it for good (an owner of it): op log, snapshots, history, comments, members. */
  public Future<Void> deleteForever(String docId, String actingUserId) {
    return requireTrashedOwner(docId, actingUserId)
        .compose(v -> Bus.request(bus, Addresses.STORAGE_TRASH_DELETE, new DocIdRequest(docId).toJson()))
        .mapEmpty();
  }

  /** NOT_FOUND unless the document is in the trash and the acting user one of its owners (anyone else learns nothing). */
  private Future<Void> requireTrashedOwner(String docId, String actingUserId) {
    if (actingUserId == null || actingUserId.isEmpty()) {
      return Future.failedFuture(ErrorCode.UNAUTHENTICATED.exception("no verified user"));
    }
    if (!Addresses.isDocId(docId)) {
      return Future.failedFuture(ErrorCode.NOT_FOUND.exception());
    }
    return Bus.request(bus, Addresses.STORAGE_TRASH_ROLE, new MemberRequest(docId, actingUserId, null).toJson())
        .compose(r -> MemberRequest.roleOf(r) == Role.OWNER ? Future.<Void>succeededFuture()
            : Future.failedFuture(ErrorCode.NOT_FOUND.exception()));
  }
}
