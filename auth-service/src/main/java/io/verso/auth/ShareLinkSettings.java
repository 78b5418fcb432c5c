package io.verso.auth;

import io.verso.protocol.Addresses;
import io.verso.protocol.ErrorCode;
import io.verso.protocol.Role;
import io.verso.protocol.auth.LinkChanged;
import io.verso.protocol.storage.DocIdRequest;
import io.verso.protocol.storage.LinkRecord;
import io.verso.runtime.Bus;
import io.verso.runtime.Failures;
import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonObject;

/**
 * A document's share link as its owner sees and changes it: read the setting, turn it on or change
 * its role, reset its token, turn it off. Owner only (a link user is never an owner: these stay
 * owner-only whatever the link says). Every change is published on {@code verso.auth.link.changed}
 * once storage has it, so the sockets that use the link are checked again at once. The token is in an
 * answer only when it was just made: storage keeps its hash alone.
 */
final class ShareLinkSettings {
  private final EventBus bus;
  private final Memberships members;

  ShareLinkSettings(EventBus bus, Memberships members) {
    this.bus = bus;
    this.members = members;
  }

  /** {enabled:false} or {enabled:true, role}. */
  Future<JsonObject> get(String docId, String actingUserId) {
    return owner(docId, actingUserId).compose(v -> stored(docId))
        .map(link -> link == null ? off() : on(link.role(), null));
  }

  /** Turns the link on with {@code role} (a new token when it was off) or changes the role of the one there is. */
  Future<JsonObject> set(String docId, Role role, String actingUserId) {
    if (role == null || role == Role.OWNER) {
      return Future.failedFuture(ErrorCode.BAD_REQUEST.exception("role must be one of editor, commenter, viewer"));
    }
    return owner(docId, actingUserId).compose(v -> stored(docId)).compose(link -> link == null
        ? fresh(docId, role)
        : Bus.request(bus, Addresses.STORAGE_LINK_PUT, new LinkRecord(docId, role, null).toJson())
            .map(r -> on(role, null)))
        .onSuccess(r -> changed(docId));
  }

  /** A new token for the link there is (NOT_FOUND when off): the old token opens nothing from now on. */
  Future<JsonObject> reset(String docId, String actingUserId) {
    return owner(docId, actingUserId).compose(v -> stored(docId)).compose(link -> link == null
        ? Future.failedFuture(ErrorCode.NOT_FOUND.exception("the link is off"))
        : fresh(docId, link.role()))
        .onSuccess(r -> changed(docId));
  }

  /** Turns the link off: its token is forgotten. */
  Future<JsonObject> off(String docId, String actingUserId) {
    return owner(docId, actingUserId)
        .compose(v -> Bus.request(bus, Addresses.STORAGE_LINK_DELETE, new DocIdRequest(docId).toJson()))
        .map(r -> new JsonObject())
        .onSuccess(r -> changed(docId));
  }

  private Future<Role> owner(String docId, String actingUserId) {
    return members.requireRole(docId, actingUserId, null, Role.OWNER);
  }

  private Future<JsonObject> fresh(String docId, Role role) {
    String token = LinkTokens.newToken();
    return Bus.request(bus, Addresses.STORAGE_LINK_PUT, new LinkRecord(docId, role, LinkTokens.hash(token)).toJson())
        .map(r -> on(role, token));
  }

  private Future<LinkRecord> stored(String docId) {
    return Bus.request(bus, Addresses.STORAGE_LINK_GET, new DocIdRequest(docId).toJson())
        .map(LinkRecord::fromJson)
        .recover(t -> Failures.codeOf(t) == ErrorCode.NOT_FOUND ? Future.succeededFuture(null) : Future.failedFuture(t));
  }

  private void changed(String docId) {
    bus.publish(Addresses.AUTH_LINK_CHANGED, new LinkChanged(docId).toJson());
  }

  private static JsonObject off() {
    return new JsonObject().put("enabled", false);
  }

  private static JsonObject on(Role role, String token) {
    JsonObject json = new JsonObject().put("enabled", true).put("role", role.wire());
    if (token != null) {
      json.put("token", token);
    }
    return json;
  }
}
