package io.verso.auth;

import static io.verso.auth.AuthBus.awaitEvent;
import static io.verso.auth.AuthBus.failure;
import static org.assertj.core.api.Assertions.assertThat;

import io.verso.protocol.Addresses;
import io.verso.protocol.ErrorCode;
import io.verso.protocol.Role;
import io.verso.protocol.auth.RoleChanged;
import io.verso.protocol.storage.DocRecord;
import io.verso.protocol.storage.TrashedDoc;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The trash's roles over the event bus: only an owner trashes, lists, restores and deletes forever. */
class DocumentTrashTest {
  @RegisterExtension
  static final AuthBus bus = new AuthBus(new JsonObject(), true);

  private static JsonObject call(String address, JsonObject body, String actingUser) {
    return bus.call(address, body, actingUser);
  }

  private static String register(String username) {
    return bus.register(username).user().id();
  }

  private static JsonObject doc(String docId) {
    return new JsonObject().put("docId", docId);
  }

  private static List<String> trash(String user) {
    return TrashedDoc.listFromJson(call(Addresses.DOCS_TRASH_LIST, new JsonObject(), user)).stream().map(TrashedDoc::id).toList();
  }

  @Test
  void onlyAnOwnerTrashesRestoresAndDeletesForever() {
    String owner = register("trash.owner");
    String editor = register("trash.editor");
    String viewer = register("trash.viewer");
    String stranger = register("trash.stranger");
    String id = DocRecord.fromJson(call(Addresses.DOCS_CREATE, new JsonObject().put("title", "Bin me"), owner)).id();
    call(Addresses.AUTH_MEMBER_PUT, doc(id).put("username", "trash.editor").put("role", "editor"), owner);
    call(Addresses.AUTH_MEMBER_PUT, doc(id).put("username", "trash.viewer").put("role", "viewer"), owner);

    assertThat(failure(() -> call(Addresses.DOCS_DELETE, doc(id), editor))).isEqualTo(ErrorCode.FORBIDDEN);
    assertThat(failure(() -> call(Addresses.DOCS_DELETE, doc(id), viewer))).isEqualTo(ErrorCode.FORBIDDEN);
    assertThat(failure(() -> call(Addresses.DOCS_DELETE, doc(id), stranger))).isEqualTo(ErrorCode.NOT_FOUND);
    // not in the trash: nothing to restore or delete forever, for the owner too
    for (String address : List.of(Addresses.DOCS_RESTORE, Addresses.DOCS_DELETE_FOREVER)) {
      assertThat(failure(() -> call(address, doc(id), owner))).as(address).isEqualTo(ErrorCode.NOT_FOUND);
    }

    call(Addresses.DOCS_DELETE, doc(id), owner);
    awaitEvent(bus.trashed, doc(id));
    for (String user : List.of(owner, editor, viewer)) {
      awaitEvent(bus.roleChanges, new RoleChanged(id, user, null).toJson());
      // every member, the owner too, now gets what a stranger gets
      assertThat(failure(() -> call(Addresses.DOCS_GET, doc(id), user))).isEqualTo(ErrorCode.NOT_FOUND);
      assertThat(failure(() -> call(Addresses.DOCS_CONTENT, doc(id), user))).isEqualTo(ErrorCode.NOT_FOUND);
      assertThat(call(Addresses.DOCS_LIST, new JsonObject(), user).getJsonArray("docs")).isEmpty();
    }
    assertThat(failure(() -> call(Addresses.DOCS_DELETE, doc(id), owner))).isEqualTo(ErrorCode.NOT_FOUND);
    assertThat(trash(owner)).containsExactly(id);
    for (String user : List.of(editor, viewer, stranger)) {
      assertThat(trash(user)).isEmpty();
      for (String address : List.of(Addresses.DOCS_RESTORE, Addresses.DOCS_DELETE_FOREVER)) {
        assertThat(failure(() -> call(address, doc(id), user))).as(address).isEqualTo(ErrorCode.NOT_FOUND);
      }
    }
    assertThat(failure(() -> call(Addresses.DOCS_RESTORE, doc("bad id"), owner))).isEqualTo(ErrorCode.NOT_FOUND);
    assertThat(failure(() -> call(Addresses.DOCS_TRASH_LIST, new JsonObject(), null))).isEqualTo(ErrorCode.UNAUTHENTICATED);

    // restored: everything back, and every member's role told again
    call(Addresses.DOCS_RESTORE, doc(id), owner);
    awaitEvent(bus.roleChanges, new RoleChanged(id, editor, Role.EDITOR).toJson());
    awaitEvent(bus.roleChanges, new RoleChanged(id, viewer, Role.VIEWER).toJson());
    assertThat(call(Addresses.DOCS_GET, doc(id), viewer).getString("role")).isEqualTo("viewer");
    assertThat(trash(owner)).isEmpty();

    // deleted forever: gone from the trash too
    call(Addresses.DOCS_DELETE, doc(id), owner);
    call(Addresses.DOCS_DELETE_FOREVER, doc(id), owner);
    assertThat(trash(owner)).isEmpty();
    assertThat(failure(() -> call(Addresses.DOCS_RESTORE, doc(id), owner))).isEqualTo(ErrorCode.NOT_FOUND);
  }

  @Test
  void theListTakesItsParametersForTheActingUserOnly() {
    String me = register("list.me");
    String other = register("list.other");
    call(Addresses.DOCS_CREATE, new JsonObject().put("title", "Mine b"), me);
    call(Addresses.DOCS_CREATE, new JsonObject().put("title", "Mine a"), me);
    String theirs = DocRecord.fromJson(call(Addresses.DOCS_CREATE, new JsonObject().put("title", "Theirs"), other)).id();
    // a userId in the request is not who asks: the header is
    JsonObject r = call(Addresses.DOCS_LIST, new JsonObject().put("userId", other).put("sort", "title"), me);
    assertThat(r.getJsonArray("docs").stream().map(d -> ((JsonObject) d).getString("title"))).containsExactly("Mine a", "Mine b");
    assertThat(r.encode()).doesNotContain(theirs);
    assertThat(failure(() -> call(Addresses.DOCS_LIST, new JsonObject().put("filter", "everyone"), me)))
        .isEqualTo(ErrorCode.BAD_REQUEST);
  }
}
