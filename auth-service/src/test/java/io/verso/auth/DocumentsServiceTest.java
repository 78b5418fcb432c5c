package io.verso.auth;

import static io.verso.auth.AuthBus.awaitEvent;
import static io.verso.auth.AuthBus.failure;
import static io.verso.auth.testing.AuthTestConfig.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.verso.delta.Delta;
import io.verso.protocol.Addresses;
import io.verso.protocol.DeltaJson;
import io.verso.protocol.ErrorCode;
import io.verso.protocol.auth.RoleChanged;
import io.verso.protocol.storage.AppendRequest;
import io.verso.protocol.storage.DocRecord;
import io.verso.protocol.storage.OpRecord;
import io.verso.protocol.storage.SnapshotSaveRequest;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The documents service over the event bus, with auth-service and the real storage-service on embedded PostgreSQL. */
class DocumentsServiceTest {
  @RegisterExtension
  static final AuthBus bus = new AuthBus(new JsonObject(), true);

  private static JsonObject call(String address, JsonObject body, String actingUser) {
    return bus.call(address, body, actingUser);
  }

  private static String register(String username) {
    return bus.register(username).user().id();
  }

  private static String create(String owner, String title) {
    return DocRecord.fromJson(call(Addresses.DOCS_CREATE, new JsonObject().put("title", title), owner)).id();
  }

  /** A new document of that owner, shared with one member. */
  private static String createShared(String owner, String title, String username, String role) {
    String id = create(owner, title);
    share(id, owner, username, role);
    return id;
  }

  private static void share(String docId, String owner, String username, String role) {
    call(Addresses.AUTH_MEMBER_PUT, new JsonObject().put("docId", docId).put("username", username).put("role", role), owner);
  }

  private static JsonObject doc(String docId) {
    return new JsonObject().put("docId", docId);
  }

  @Test
  void rolesGuardEveryDocumentRequest() {
    String owner = register("docs.owner");
    String editor = register("docs.editor");
    String viewer = register("docs.viewer");
    String stranger = register("docs.stranger");
    String id = create(owner, "  Plan  ");
    share(id, owner, "docs.editor", "editor");
    share(id, owner, "docs.viewer", "viewer");

    JsonObject got = call(Addresses.DOCS_GET, doc(id), viewer);
    assertThat(got.getString("title")).isEqualTo("Plan");
    assertThat(got.getString("role")).isEqualTo("viewer");
    assertThat(call(Addresses.DOCS_LIST, new JsonObject(), viewer).getJsonArray("docs")).hasSize(1);
    assertThat(call(Addresses.DOCS_LIST, new JsonObject(), stranger).getJsonArray("docs")).isEmpty();

    // a stranger learns nothing; an id no document can have is the same answer
    for (String address : List.of(Addresses.DOCS_GET, Addresses.DOCS_DELETE, Addresses.DOCS_CONTENT)) {
      assertThat(failure(() -> call(address, doc(id), stranger))).as(address).isEqualTo(ErrorCode.NOT_FOUND);
      assertThat(failure(() -> call(address, doc("bad id"), owner))).as(address).isEqualTo(ErrorCode.NOT_FOUND);
    }
    assertThat(failure(() -> call(Addresses.DOCS_RENAME, doc(id).put("title", "mine"), stranger)))
        .isEqualTo(ErrorCode.NOT_FOUND);
    assertThat(failure(() -> call(Addresses.DOCS_RENAME, doc(id).put("title", "hijacked"), viewer)))
        .isEqualTo(ErrorCode.FORBIDDEN);
    assertThat(failure(() -> call(Addresses.DOCS_DELETE, doc(id), editor))).isEqualTo(ErrorCode.FORBIDDEN);
    assertThat(failure(() -> call(Addresses.DOCS_DELETE, doc(id), viewer))).isEqualTo(ErrorCode.FORBIDDEN);
    assertThat(failure(() -> call(Addresses.DOCS_GET, doc(id), null))).isEqualTo(ErrorCode.UNAUTHENTICATED);
    assertThat(failure(() -> call(Addresses.DOCS_CREATE, new JsonObject(), null))).isEqualTo(ErrorCode.UNAUTHENTICATED);

    assertThat(call(Addresses.DOCS_RENAME, doc(id).put("title", " Plan 2 "), editor).getString("title")).isEqualTo("Plan 2");
    assertThat(call(Addresses.DOCS_GET, doc(id), owner).getString("title")).isEqualTo("Plan 2");
  }

  @Test
  void deletingPublishesThatEveryFormerMemberLostItsRole() {
    String owner = register("del.owner");
    String editor = register("del.editor");
    String id = createShared(owner, "Doomed", "del.editor", "editor");

    call(Addresses.DOCS_DELETE, doc(id), owner);
    for (String user : List.of(owner, editor)) {
      awaitEvent(bus.roleChanges, new RoleChanged(id, user, null).toJson());
    }
    assertThat(failure(() -> call(Addresses.DOCS_GET, doc(id), owner))).isEqualTo(ErrorCode.NOT_FOUND);
  }

  @Test
  void titlesAreCheckedHere() {
    String owner = register("title.owner");
    String id = create(owner, "Fine");
    assertThat(DocRecord.fromJson(call(Addresses.DOCS_CREATE, new JsonObject(), owner)).title()).isEqualTo("Untitled");
    for (Object bad : new Object[] {42, "   ", "t".repeat(201), "bell\u0007", "lone \uD800 surrogate", "tail \uDC00"}) {
      assertThat(failure(() -> call(Addresses.DOCS_CREATE, new JsonObject().put("title", bad), owner)))
          .as("create %s", bad).isEqualTo(ErrorCode.BAD_REQUEST);
      assertThat(failure(() -> call(Addresses.DOCS_RENAME, doc(id).put("title", bad), owner)))
          .as("rename %s", bad).isEqualTo(ErrorCode.BAD_REQUEST);
    }
    assertThat(failure(() -> call(Addresses.DOCS_RENAME, doc(id), owner))).isEqualTo(ErrorCode.BAD_REQUEST);
    // a well-formed pair is a title like any other
    assertThat(call(Addresses.DOCS_RENAME, doc(id).put("title", "party \uD83C\uDF89"), owner).getString("title"))
        .isEqualTo("party \uD83C\uDF89");
  }

  @Test
  void contentIsTheSnapshotWithTheOpsAfterIt() {
    String owner = register("content.owner");
    String viewer = register("content.viewer");
    String id = createShared(owner, "Notes", "content.viewer", "viewer");
    assertThat(call(Addresses.DOCS_CONTENT, doc(id), viewer).getJsonArray("content"))
        .isEqualTo(DeltaJson.toJson(Delta.builder().insert("\n").build()));

    Delta first = Delta.builder().insert("Hello").build();
    Delta second = Delta.builder().retain(5).retain(1, Map.of("header", 1)).build();
    Delta third = Delta.builder().retain(5).insert(" world").build();
    append(id, owner, 1, first);
    append(id, owner, 2, second);
    Delta atTwo = Delta.builder().insert("\n").build().compose(first).compose(second);
    await(bus.vertx().eventBus().request(Addresses.STORAGE_SNAPSHOT_SAVE,
        new SnapshotSaveRequest(id, 2, DeltaJson.toJson(atTwo)).toJson()));
    append(id, owner, 3, third);

    JsonObject content = call(Addresses.DOCS_CONTENT, doc(id), viewer);
    assertThat(content.getString("title")).isEqualTo("Notes");
    assertThat(DeltaJson.fromJson(content.getJsonArray("content")))
        .isEqualTo(Delta.builder().insert("Hello world").insert("\n", Map.of("header", 1)).build());
  }

  private static void append(String docId, String userId, long rev, Delta ops) {
    await(bus.vertx().eventBus().request(Addresses.STORAGE_OPS_APPEND, new AppendRequest(docId,
        List.of(new OpRecord(rev, "documents-test-client", rev, userId, System.currentTimeMillis(),
            DeltaJson.toJson(ops)))).toJson()));
  }
}
