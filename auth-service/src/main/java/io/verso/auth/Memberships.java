package io.verso.auth;

import io.verso.protocol.Addresses;
import io.verso.protocol.ErrorCode;
import io.verso.protocol.Failures;
import io.verso.protocol.auth.Member;
import io.verso.protocol.auth.MemberRequest;
import io.verso.protocol.auth.Role;
import io.verso.protocol.auth.RoleChanged;
import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * Roles per document. The role query answers what storage says (no cache: a change is effective on
 * the next query). Membership changes are owner-only, never leave a document without an owner, and
 * are published on {@code verso.auth.role.changed}.
 */
public final class Memberships {
  private final EventBus bus;

  public Memberships(EventBus bus) {
    this.bus = bus;
  }

  public Future<Role> role(String docId, String userId) {
    if (!validDocId(docId) || userId == null || userId.isEmpty() || userId.length() > 64) {
      return Future.failedFuture(ErrorCode.BAD_REQUEST.exception("docId and userId are required"));
    }
    return Bus.request(bus, Addresses.STORAGE_MEMBER_GET, new JsonObject().put("docId", docId).put("userId", userId))
        .map(r -> Role.fromWire(r.getString("role")))
        .recover(t -> Failures.codeOf(t) == ErrorCode.NOT_FOUND ? Future.succeededFuture(null) : Future.failedFuture(t));
  }

  public Future<List<Member>> list(MemberRequest req, String actingUserId) {
    return requireRole(req.docId(), actingUserId, Role.VIEWER)
        .compose(ignored -> members(req.docId()));
  }

  public Future<JsonObject> put(MemberRequest req, String actingUserId) {
    Role role;
    try {
      role = Role.fromWire(req.role());
      if (role == null) {
        throw new IllegalArgumentException("role is required");
      }
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(ErrorCode.BAD_REQUEST.exception("role must be owner, editor, commenter or viewer"));
    }
    return requireRole(req.docId(), actingUserId, Role.OWNER)
        .compose(ignored -> userId(req.username()))
        .compose(target -> keepsAnOwner(req.docId(), target, actingUserId, role)
            .compose(ignored -> Bus.request(bus, Addresses.STORAGE_MEMBER_PUT,
                new JsonObject().put("docId", req.docId()).put("userId", target).put("role", role.wire())))
            .map(ignored -> {
              bus.publish(Addresses.AUTH_ROLE_CHANGED, new RoleChanged(req.docId(), target, role).toJson());
              return new JsonObject().put("username", AccountRules.normalizeUsername(req.username())).put("role", role.wire());
            }));
  }

  public Future<Void> remove(MemberRequest req, String actingUserId) {
    return requireRole(req.docId(), actingUserId, Role.OWNER)
        .compose(ignored -> userId(req.username()))
        .compose(target -> keepsAnOwner(req.docId(), target, actingUserId, null)
            .compose(ignored -> Bus.request(bus, Addresses.STORAGE_MEMBER_REMOVE,
                new JsonObject().put("docId", req.docId()).put("userId", target)))
            .compose(r -> {
              if (!r.getBoolean("removed", false)) {
                return Future.failedFuture(ErrorCode.NOT_FOUND.exception("no such member"));
              }
              bus.publish(Addresses.AUTH_ROLE_CHANGED, new RoleChanged(req.docId(), target, null).toJson());
              return Future.succeededFuture();
            }));
  }

  /** Non-members learn nothing about the document (NOT_FOUND); members without the role get FORBIDDEN. */
  private Future<Role> requireRole(String docId, String actingUserId, Role needed) {
    if (actingUserId == null) {
      return Future.failedFuture(ErrorCode.UNAUTHENTICATED.exception("no verified user"));
    }
    if (!validDocId(docId)) {
      return Future.failedFuture(ErrorCode.NOT_FOUND.exception());
    }
    return role(docId, actingUserId).compose(role -> {
      if (role == null) {
        return Future.failedFuture(ErrorCode.NOT_FOUND.exception());
      }
      if (!role.atLeast(needed)) {
        return Future.failedFuture(ErrorCode.FORBIDDEN.exception("only the owner can change members"));
      }
      return Future.succeededFuture(role);
    });
  }

  private Future<String> userId(String username) {
    String normalized = AccountRules.normalizeUsername(username);
    if (!AccountRules.validUsername(normalized)) {
      return Future.failedFuture(ErrorCode.NOT_FOUND.exception("no such user"));
    }
    return Bus.request(bus, Addresses.STORAGE_USER_GET, new JsonObject().put("username", normalized))
        .map(u -> u.getString("id"))
        .recover(t -> Failures.codeOf(t) == ErrorCode.NOT_FOUND
            ? Future.failedFuture(ErrorCode.NOT_FOUND.exception("no such user"))
            : Future.failedFuture(t));
  }

  /** Refuses to demote or remove the acting owner when no other owner would remain. */
  private Future<Void> keepsAnOwner(String docId, String target, String actingUserId, Role newRole) {
    if (!target.equals(actingUserId) || newRole == Role.OWNER) {
      return Future.succeededFuture();
    }
    return members(docId).compose(members -> {
      boolean otherOwner = members.stream().anyMatch(m -> m.role() == Role.OWNER && !m.userId().equals(target));
      return otherOwner ? Future.succeededFuture()
          : Future.failedFuture(ErrorCode.CONFLICT.exception("the last owner cannot leave or be demoted"));
    });
  }

  private Future<List<Member>> members(String docId) {
    return Bus.request(bus, Addresses.STORAGE_MEMBER_LIST, new JsonObject().put("docId", docId))
        .map(r -> {
          JsonArray arr = r.getJsonArray("members", new JsonArray());
          return arr.stream().map(o -> Member.fromJson((JsonObject) o)).toList();
        });
  }

  private static boolean validDocId(String docId) {
    return docId != null && Addresses.DOC_ID.matcher(docId).matches();
  }
}
