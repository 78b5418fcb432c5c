package io.verso.auth;

import io.verso.runtime.Bus;
import io.verso.protocol.Addresses;
import io.verso.protocol.ErrorCode;
import io.verso.runtime.Failures;
import io.verso.protocol.auth.MemberChange;
import io.verso.protocol.auth.RoleChanged;
import io.verso.protocol.storage.DocIdRequest;
import io.verso.protocol.storage.Member;
import io.verso.protocol.storage.MemberRequest;
import io.verso.protocol.Role;
import io.verso.protocol.storage.UserGetRequest;
import io.verso.protocol.storage.UserRecord;
import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * Roles per document. The role query answers what storage says (no cache: a change is effective on
 * the next query). Membership changes are owner-only and are published on
 * {@code verso.auth.role.changed} once storage has committed them. Storage refuses (CONFLICT) a
 * change that would leave a document without an owner, in the transaction that makes it, so two
 * owners stepping down at once cannot both succeed.
 */
public final class Memberships {
  private final EventBus bus;

  public Memberships(EventBus bus) {
    this.bus = bus;
  }

  /** The user's role on the document, or null when not a member (or no such document). */
  public Future<Role> role(String docId, String userId) {
    return Bus.request(bus, Addresses.STORAGE_MEMBER_GET, new MemberRequest(docId, userId, null).toJson())
        .map(MemberRequest::roleOf)
        .recover(t -> Failures.codeOf(t) == ErrorCode.NOT_FOUND ? Future.succeededFuture(null) : Future.failedFuture(t));
  }

  /**
   * The user's effective role: the better of the member role and the role a share-link token gives
   * ({@code link} null: the member role alone). A wrong token adds nothing (and is counted by
   * auth-service, which may answer RATE_LIMITED); a link never gives owner rights.
   */
  public Future<Role> role(String docId, String userId, String link) {
    Future<Role> member = role(docId, userId);
    if (link == null) {
      return member;
    }
    return member.compose(m -> Bus.request(bus, Addresses.AUTH_LINK_ROLE,
            new JsonObject().put("docId", docId).put("userId", userId).put("link", link))
        .map(r -> better(m, Role.ofWireOrNone(r.getString("role")))));
  }

  static Role better(Role a, Role b) {
    return a == null ? b : b == null || a.atLeast(b) ? a : b;
  }

  public Future<List<Member>> list(DocIdRequest req, String actingUserId, String link) {
    return requireRole(req.docId(), actingUserId, link, Role.VIEWER)
        .compose(ignored -> members(req.docId()));
  }

  public Future<JsonObject> put(MemberChange req, String actingUserId) {
    Role role = req.role();
    return requireRole(req.docId(), actingUserId, null, Role.OWNER)
        .compose(ignored -> user(req.username()))
        .compose(target -> Bus.request(bus, Addresses.STORAGE_MEMBER_PUT,
                new MemberRequest(req.docId(), target.id(), role).toJson())
            .map(ignored -> {
              bus.publish(Addresses.AUTH_ROLE_CHANGED, new RoleChanged(req.docId(), target.id(), role).toJson());
              return new JsonObject().put("username", target.username()).put("role", role.wire());
            }));
  }

  public Future<Void> remove(MemberChange req, String actingUserId) {
    return requireRole(req.docId(), actingUserId, null, Role.OWNER)
        .compose(ignored -> user(req.username()))
        .compose(target -> Bus.request(bus, Addresses.STORAGE_MEMBER_REMOVE,
                new MemberRequest(req.docId(), target.id(), null).toJson())
            .compose(r -> {
              if (!r.getBoolean("removed", false)) {
                return Future.failedFuture(ErrorCode.NOT_FOUND.exception("no such member"));
              }
              bus.publish(Addresses.AUTH_ROLE_CHANGED, new RoleChanged(req.docId(), target.id(), null).toJson());
              return Future.succeededFuture();
            }));
  }

  /**
   * The acting user's role if it allows at least {@code needed} ({@link Role#require}): the check of
   * every member and document request. Non-members, and ids no document can have, learn nothing
   * about the document (NOT_FOUND); members without the role get FORBIDDEN. {@code link}: the share-link
   * token the request came with, or null ({@link #role(String, String, String)}).
   */
  Future<Role> requireRole(String docId, String actingUserId, String link, Role needed) {
    if (actingUserId == null || actingUserId.isEmpty()) {
      return Future.failedFuture(ErrorCode.UNAUTHENTICATED.exception("no verified user"));
    }
    if (!Addresses.isDocId(docId)) {
      return Future.failedFuture(ErrorCode.NOT_FOUND.exception());
    }
    return role(docId, actingUserId, link).map(role -> {
      if (role == null) {
        throw ErrorCode.NOT_FOUND.exception();
      }
      return Role.require(role, needed);
    });
  }

  private Future<UserRecord> user(String username) {
    String normalized = AccountRules.normalizeUsername(username);
    if (!AccountRules.validUsername(normalized)) {
      return Future.failedFuture(ErrorCode.NOT_FOUND.exception("no such user"));
    }
    return Bus.request(bus, Addresses.STORAGE_USER_GET, UserGetRequest.byUsername(normalized).toJson())
        .map(UserRecord::fromJson)
        .recover(t -> Failures.codeOf(t) == ErrorCode.NOT_FOUND
            ? Future.failedFuture(ErrorCode.NOT_FOUND.exception("no such user"))
            : Future.failedFuture(t));
  }

  Future<List<Member>> members(String docId) {
    return Bus.request(bus, Addresses.STORAGE_MEMBER_LIST, new DocIdRequest(docId).toJson()).map(Member::listFromJson);
  }
}
