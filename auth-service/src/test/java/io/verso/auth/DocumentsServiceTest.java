package io.verso.auth;

import static io.verso.auth.testing.AuthTestConfig.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.verso.auth.testing.AuthTestConfig;
import io.verso.delta.Delta;
import io.verso.protocol.Addresses;
import io.verso.protocol.DeltaJson;
import io.verso.protocol.ErrorCode;
import io.verso.protocol.auth.RoleChanged;
import io.verso.protocol.auth.SessionGrant;
import io.verso.protocol.storage.AppendRequest;
import io.verso.protocol.storage.DocRecord;
import io.verso.protocol.storage.OpRecord;
import io.verso.protocol.storage.SnapshotSaveRequest;
import io.verso.storage.StorageVerticle;
import io.verso.storage.testing.TestPostgres;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The documents service over the event bus, with auth-service and the real storage-service on embedded PostgreSQL. */
class DocumentsServiceTest {
  private static Vertx vertx;
  private static final List<JsonObject> roleChanges = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void deploy() {
    vertx = Vertx.vertx();
    await(vertx.deployVerticle(new StorageVerticle(), new DeploymentOptions().setConfig(TestPostgres.freshConfig())));
    await(vertx.deployVerticle(new AuthVerticle(),
        new DeploymentOptions().setConfig(AuthTestConfig.config(SigningKeys.generate(), 60_000))));
    await(vertx.deployVerticle(new DocumentsVerticle()));
    await(vertx.eventBus().<JsonObject>consumer(Addresses.AUTH_ROLE_CHANGED, m -> roleChanges.add(m.body())).completion());
  }

  @AfterAll
  static void close() {
    await(vertx.close());
  }

  private static JsonObject call(String address, JsonObject body, String actingUser) {
    DeliveryOptions opts = new DeliveryOptions();
    if (actingUser != null) {
      opts.addHeader(Addresses.HEADER_USER_ID, actingUser);
    }
    return await(vertx.eventBus().<JsonObject>request(address, body, opts).map(Message::body));
  }

  private static ErrorCode failure(Runnable r) {
    try {
      r.run();
    } catch (ReplyException e) {
      return ErrorCode.of(e.failureCode());
    }
    throw new AssertionError("expected a failure");
  }

  private static String register(String username) {
    return SessionGrant.fromJson(call(Addresses.AUTH_REGISTER, new JsonObject().put("username", username)
        .put("password", "password-" + username).put("displayName", "User " + username), null)).user().id();
  }

  private static String create(String owner, String title) {
    return DocRecord.fromJson(call(Addresses.DOCS_CREATE, new JsonObject().put("title", title), owner)).id();
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
    String id = create(owner, "Doomed");
    share(id, owner, "del.editor", "editor");

    call(Addresses.DOCS_DELETE, doc(id), owner);
    for (String user : List.of(owner, editor)) {
      JsonObject expected = new RoleChanged(id, user, null).toJson();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (!roleChanges.contains(expected) && System.nanoTime() < deadline) {
        Thread.onSpinWait();
      }
      assertThat(roleChanges).contains(expected);
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
    String id = create(owner, "Notes");
    share(id, owner, "content.viewer", "viewer");
    assertThat(call(Addresses.DOCS_CONTENT, doc(id), viewer).getJsonArray("content"))
        .isEqualTo(DeltaJson.toJson(Delta.builder().insert("\n").build()));

    Delta first = Delta.builder().insert("Hello").build();
    Delta second = Delta.builder().retain(5).retain(1, Map.of("header", 1)).build();
    Delta third = Delta.builder().retain(5).insert(" world").build();
    append(id, owner, 1, first);
    append(id, owner, 2, second);
    Delta atTwo = Delta.builder().insert("\n").build().compose(first).compose(second);
    await(vertx.eventBus().request(Addresses.STORAGE_SNAPSHOT_SAVE,
        new SnapshotSaveRequest(id, 2, DeltaJson.toJson(atTwo)).toJson()));
    append(id, owner, 3, third);

    JsonObject content = call(Addresses.DOCS_CONTENT, doc(id), viewer);
    assertThat(content.getString("title")).isEqualTo("Notes");
    assertThat(DeltaJson.fromJson(content.getJsonArray("content")))
        .isEqualTo(Delta.builder().insert("Hello world").insert("\n", Map.of("header", 1)).build());
  }

  private static void append(String docId, String userId, long rev, Delta ops) {
    await(vertx.eventBus().request(Addresses.STORAGE_OPS_APPEND, new AppendRequest(docId,
        List.of(new OpRecord(rev, "documents-test-client", rev, userId, System.currentTimeMillis(),
            DeltaJson.toJson(ops)))).toJson()));
  }
}
