package io.verso.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.verso.protocol.Addresses;
import io.verso.protocol.ErrorCode;
import io.verso.protocol.comments.AnchorsSaveRequest;
import io.verso.protocol.comments.Comment;
import io.verso.protocol.comments.CommentAddRequest;
import io.verso.protocol.comments.CommentDeleteRequest;
import io.verso.protocol.comments.CommentEditRequest;
import io.verso.protocol.comments.CommentThread;
import io.verso.protocol.comments.ThreadAnchor;
import io.verso.protocol.comments.ThreadCreateRequest;
import io.verso.protocol.comments.ThreadDeleteRequest;
import io.verso.protocol.comments.ThreadResolveRequest;
import io.verso.storage.testing.TestPostgres;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The comment addresses of the storage-service on the event bus, on real PostgreSQL. */
class CommentsApiTest {
  private static final long TS = 1_700_000_000_000L;
  private static final String T1 = "thread-one-000000";
  private static final String T2 = "thread-two-000000";
  private static StorageFixture storage;

  @BeforeAll
  static void deploy() {
    storage = StorageFixture.deploy(TestPostgres.storageConfig(CommentsApiTest.class));
  }

  @AfterAll
  static void undeploy() {
    storage.close();
  }

  private static Comment comment(String id, String text) {
    return new Comment(id + "-0000000000000", "alice", "Alice \uD83C\uDF3B", text, TS, null);
  }

  private static CommentThread thread(String id, Comment first) {
    return new CommentThread(id, 0, 0, 3, false, false, null, null, List.of(first));
  }

  private static List<CommentThread> load(String doc) {
    return CommentThread.listFromJson(storage.call(Addresses.STORAGE_COMMENTS_LOAD, new JsonObject().put("docId", doc)));
  }

  private static void write(String address, JsonObject body) {
    assertThat(storage.call(address, body)).isEqualTo(new JsonObject());
  }

  @Test
  void everyAddressThroughTheBus() {
    String doc = storage.createDoc("alice", "Comments");
    assertThat(load(doc)).isEmpty();
    Comment open = comment("c-open", "Is this right? \uD83E\uDD14");
    write(Addresses.STORAGE_THREAD_CREATE, new ThreadCreateRequest(doc, thread(T1, open)).toJson());
    write(Addresses.STORAGE_THREAD_CREATE, new ThreadCreateRequest(doc, thread(T2, comment("c-two", "Other"))).toJson());
    Comment reply = comment("c-reply", "Yes");
    Comment second = comment("c-second", "Same millisecond, after");
    write(Addresses.STORAGE_COMMENT_ADD, new CommentAddRequest(doc, T1, reply).toJson());
    write(Addresses.STORAGE_COMMENT_ADD, new CommentAddRequest(doc, T1, second).toJson());
    write(Addresses.STORAGE_COMMENT_EDIT, new CommentEditRequest(doc, T1, reply.id(), "Yes, fixed", TS + 5).toJson());
    write(Addresses.STORAGE_COMMENT_DELETE, new CommentDeleteRequest(doc, T1, second.id()).toJson());
    write(Addresses.STORAGE_THREAD_RESOLVE, new ThreadResolveRequest(doc, T1, true, "bob", TS + 9).toJson());
    write(Addresses.STORAGE_ANCHORS_SAVE, new AnchorsSaveRequest(doc, 4,
        List.of(new ThreadAnchor(T1, 2, 5, false), new ThreadAnchor(T2, 0, 0, true))).toJson());
    write(Addresses.STORAGE_THREAD_DELETE, new ThreadDeleteRequest(doc, T2).toJson());
    assertThat(load(doc)).containsExactly(new CommentThread(T1, 4, 2, 5, false, true, "bob", TS + 9,
        List.of(open, reply.withText("Yes, fixed", TS + 5))));

    write(Addresses.STORAGE_THREAD_RESOLVE, new JsonObject().put("docId", doc).put("threadId", T1).put("resolved", false));
    assertThat(load(doc).get(0).resolvedBy()).isNull();

    storage.call(Addresses.STORAGE_DOC_DELETE, new JsonObject().put("docId", doc));
    storage.failure(ErrorCode.NOT_FOUND, Addresses.STORAGE_COMMENTS_LOAD, new JsonObject().put("docId", doc));
  }

  @Test
  void duplicatesAndMissingOnesAnswerTheirCodes() {
    String doc = storage.createDoc("alice", "Codes");
    write(Addresses.STORAGE_THREAD_CREATE, new ThreadCreateRequest(doc, thread(T1, comment("c-one", "one"))).toJson());
    assertThat(storage.failure(ErrorCode.DUPLICATE, Addresses.STORAGE_THREAD_CREATE,
        new ThreadCreateRequest(doc, thread(T1, comment("c-new", "again"))).toJson())).contains("thread " + T1);
    storage.failure(ErrorCode.DUPLICATE, Addresses.STORAGE_COMMENT_ADD,
        new CommentAddRequest(doc, T1, comment("c-one", "same id")).toJson());
    storage.failure(ErrorCode.NOT_FOUND, Addresses.STORAGE_COMMENT_ADD,
        new CommentAddRequest(doc, T2, comment("c-x", "no thread")).toJson());
    storage.failure(ErrorCode.NOT_FOUND, Addresses.STORAGE_COMMENT_EDIT,
        new CommentEditRequest(doc, T1, "c-none-0000000000", "x", TS).toJson());
    storage.failure(ErrorCode.NOT_FOUND, Addresses.STORAGE_COMMENT_DELETE,
        new CommentDeleteRequest(doc, T1, "c-none-0000000000").toJson());
    storage.failure(ErrorCode.NOT_FOUND, Addresses.STORAGE_THREAD_DELETE, new ThreadDeleteRequest(doc, T2).toJson());
    storage.failure(ErrorCode.NOT_FOUND, Addresses.STORAGE_THREAD_RESOLVE,
        new ThreadResolveRequest(doc, T2, true, "bob", TS).toJson());
    storage.failure(ErrorCode.NOT_FOUND, Addresses.STORAGE_THREAD_CREATE,
        new ThreadCreateRequest("nope", thread(T1, comment("c-one", "one"))).toJson());
    assertThat(load(doc)).hasSize(1);
  }

  @Test
  void malformedBodiesAreBadRequestsNamingTheField() {
    String doc = storage.createDoc("alice", "Bad");
    write(Addresses.STORAGE_THREAD_CREATE, new ThreadCreateRequest(doc, thread(T1, comment("c-one", "one"))).toJson());
    JsonObject create = new ThreadCreateRequest(doc, thread(T2, comment("c-two", "two"))).toJson();
    JsonObject add = new CommentAddRequest(doc, T1, comment("c-add", "add")).toJson();
    JsonObject edit = new CommentEditRequest(doc, T1, "c-one-0000000000000", "x", TS).toJson();
    JsonObject delete = new CommentDeleteRequest(doc, T1, "c-one-0000000000000").toJson();
    JsonObject resolve = new ThreadResolveRequest(doc, T1, true, "bob", TS).toJson();
    JsonObject anchors = new AnchorsSaveRequest(doc, 3, List.of(new ThreadAnchor(T1, 0, 1, false))).toJson();
    JsonObject anchor = anchors.getJsonArray("anchors").getJsonObject(0);
    Object[][] cases = {
        {Addresses.STORAGE_COMMENTS_LOAD, new JsonObject().put("docId", "bad id!"), "docId is not a valid document id"},
        {Addresses.STORAGE_THREAD_CREATE, create.copy().put("thread", "x"), "thread must be an object"},
        {Addresses.STORAGE_THREAD_CREATE, with(create, "thread", t -> t.put("id", "short")), "id must be 16..64"},
        {Addresses.STORAGE_THREAD_CREATE, with(create, "thread", t -> t.put("comments", new JsonArray())),
            "a thread has at least one comment"},
        {Addresses.STORAGE_THREAD_CREATE, with(create, "thread", t -> t.getJsonArray("comments").getJsonObject(0)
            .put("text", "lone \uD83D")), "thread.comments[0].text must not contain a lone UTF-16 surrogate"},
        {Addresses.STORAGE_COMMENT_ADD, add.copy().put("threadId", 5), "threadId must be a string"},
        {Addresses.STORAGE_COMMENT_ADD, add.copy().putNull("comment"), "comment is required"},
        {Addresses.STORAGE_COMMENT_ADD, with(add, "comment", c -> c.put("text", "x".repeat(10_001))),
            "text is longer than 10000"},
        {Addresses.STORAGE_COMMENT_ADD, with(add, "comment", c -> c.put("name", "\uDC00")),
            "comment.name must not contain a lone UTF-16 surrogate"},
        {Addresses.STORAGE_COMMENT_ADD, with(add, "comment", c -> c.put("ts", "now")), "ts must be an integer"},
        {Addresses.STORAGE_COMMENT_EDIT, edit.copy().put("text", ""), "text must not be empty"},
        {Addresses.STORAGE_COMMENT_EDIT, edit.copy().put("text", "a\u0000b"), "text must not contain a NUL"},
        {Addresses.STORAGE_COMMENT_EDIT, edit.copy().put("text", "end \uD83D"), "text must not contain a lone"},
        {Addresses.STORAGE_COMMENT_EDIT, without(edit, "editedTs"), "editedTs is required"},
        {Addresses.STORAGE_COMMENT_DELETE, delete.copy().put("commentId", "has space 000000"), "commentId must be 16..64"},
        {Addresses.STORAGE_THREAD_DELETE, new JsonObject().put("docId", doc), "threadId is required"},
        {Addresses.STORAGE_THREAD_RESOLVE, resolve.copy().put("resolved", "true"), "resolved must be a boolean"},
        {Addresses.STORAGE_THREAD_RESOLVE, resolve.copy().putNull("by"), "by is required"},
        {Addresses.STORAGE_THREAD_RESOLVE, resolve.copy().put("ts", -1), "ts is out of range"},
        {Addresses.STORAGE_ANCHORS_SAVE, anchors.copy().put("rev", -1), "rev is out of range"},
        {Addresses.STORAGE_ANCHORS_SAVE, anchors.copy().put("anchors", new JsonArray().add(anchor).add(anchor)),
            "anchors[1].id repeats"},
        {Addresses.STORAGE_ANCHORS_SAVE, anchors.copy().put("anchors", new JsonArray().add(anchor.copy().put("index", -1))),
            "index is out of range"},
        {Addresses.STORAGE_ANCHORS_SAVE, anchors.copy().put("anchors", new JsonArray().add(without(anchor, "detached"))),
            "detached is required"},
        {Addresses.STORAGE_ANCHORS_SAVE, anchors.copy().put("anchors", new JsonArray().add(7)), "anchors[0] must be an object"},
    };
    for (Object[] c : cases) {
      assertThat(storage.failure(ErrorCode.BAD_REQUEST, (String) c[0], c[1])).as("%s %s", c[0], c[1])
          .startsWith((String) c[2]);
    }
    JsonArray many = new JsonArray();
    for (int i = 0; i <= 1_000; i++) {
      many.add(new ThreadAnchor(String.format("thread-%010d", i), 0, 0, false).toJson());
    }
    assertThat(storage.failure(ErrorCode.BAD_REQUEST, Addresses.STORAGE_ANCHORS_SAVE, anchors.copy().put("anchors", many)))
        .isEqualTo("anchors has more than 1000 elements");
    storage.failure(ErrorCode.BAD_REQUEST, Addresses.STORAGE_THREAD_CREATE, "not an object");
    assertThat(load(doc)).containsExactly(thread(T1, comment("c-one", "one"))); // nothing written
  }

  private static JsonObject without(JsonObject json, String field) {
    JsonObject copy = json.copy();
    copy.remove(field);
    return copy;
  }

  /** A copy of {@code json} whose object field {@code field} is changed by {@code change}. */
  private static JsonObject with(JsonObject json, String field, Consumer<JsonObject> change) {
    JsonObject copy = json.copy();
    change.accept(copy.getJsonObject(field));
    return copy;
  }
}
