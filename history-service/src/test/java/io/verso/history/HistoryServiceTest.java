package io.verso.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.verso.delta.Delta;
import io.verso.protocol.Addresses;
import io.verso.protocol.ErrorCode;
import io.verso.protocol.doc.RestoreIds;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every history address: who may ask (role checks), what a bad range gets, pages and named versions. */
class HistoryServiceTest {
  private static HistoryStack stack;
  private static String owner;
  private static String editor;
  private static String commenter;
  private static String viewer;
  private static String stranger;
  private static String docId;
  private static final int OPS = 30;

  @BeforeAll
  static void start() {
    stack = new HistoryStack(10_000, 4L << 20); // a diff may hold one read of ops (4 MiB)
    owner = stack.register("owner");
    editor = stack.register("editor");
    commenter = stack.register("commenter");
    viewer = stack.register("viewer");
    stranger = stack.register("stranger");
    docId = stack.create(owner);
    stack.share(docId, owner, "editor", "editor");
    stack.share(docId, owner, "commenter", "commenter");
    stack.share(docId, owner, "viewer", "viewer");
    long[] seqs = new long[2];
    for (int i = 0; i < OPS; i++) {
      int u = i < 10 || i >= 20 ? 0 : 1;
      stack.submit(docId, u == 0 ? owner : editor, "service-test-client-" + u, ++seqs[u], i,
          Delta.builder().insert(i % 3 == 0 ? "\n" : "x" + i).build());
    }
  }

  /**
   * A diff holds the ops of its span at once: a span of huge ops (an editor's 250 KB inserts, each
   * deleted again) is refused with TOO_LARGE instead of being read into the heap; a short span of
   * the same document still compares.
   */
  @Test
  void aDiffOverMoreOpBytesThanItMayHoldIsTooLarge() {
    String big = stack.create(owner);
    String text = "x".repeat(250_000);
    long rev = 0;
    for (int i = 0; i < 20; i++) { // 5 MB of inserts, more than one 4 MiB read
      rev = stack.submit(big, owner, "huge-ops-client-0001", 2L * i + 1, rev, Delta.builder().insert(text).build());
      rev = stack.submit(big, owner, "huge-ops-client-0001", 2L * i + 2, rev, Delta.builder().delete(text.length()).build());
    }
    JsonObject all = new JsonObject().put("docId", big).put("from", 0).put("to", rev);
    assertThat(stack.failure(Addresses.HISTORY_DIFF, all, owner)).isEqualTo(ErrorCode.TOO_LARGE);
    JsonObject last = stack.call(Addresses.HISTORY_DIFF, all.copy().put("from", rev - 1), owner);
    assertThat(last.getJsonArray("ops")).isNotEmpty();
  }

  @AfterAll
  static void stop() {
    stack.close();
  }

  private static JsonObject body(Object... kv) {
    JsonObject o = new JsonObject().put("docId", docId);
    for (int i = 0; i < kv.length; i += 2) {
      o.put((String) kv[i], kv[i + 1]);
    }
    return o;
  }

  /** A valid request to each address (a version is named before each delete). */
  private static Map<String, JsonObject> everyAddress() {
    return Map.of(
        Addresses.HISTORY_PAGE, body(),
        Addresses.HISTORY_REVISION, body("rev", 3),
        Addresses.HISTORY_DIFF, body("from", 1, "to", 5),
        Addresses.HISTORY_VERSION_PUT, body("rev", 4, "name", "four"),
        Addresses.HISTORY_VERSION_DELETE, body("rev", 4),
        Addresses.HISTORY_RESTORE, body("rev", OPS), // the head: unchanged, so the document stays as it is
        Addresses.HISTORY_AUTHORSHIP, body());
  }

  @Test
  void onlyEditorsAndOwnersSeeHistory() {
    everyAddress().forEach((address, body) -> {
      assertThat(stack.failure(address, body, stranger)).as("stranger on %s", address).isEqualTo(ErrorCode.NOT_FOUND);
      assertThat(stack.failure(address, body, viewer)).as("viewer on %s", address).isEqualTo(ErrorCode.FORBIDDEN);
      assertThat(stack.failure(address, body, commenter)).as("commenter on %s", address).isEqualTo(ErrorCode.FORBIDDEN);
      assertThat(stack.failure(address, body, null)).as("nobody on %s", address).isEqualTo(ErrorCode.UNAUTHENTICATED);
      assertThat(stack.failure(address, body.copy().put("docId", "no-such-doc"), editor))
          .as("unknown document on %s", address).isEqualTo(ErrorCode.NOT_FOUND);
      for (String user : List.of(editor, owner)) {
        if (address.equals(Addresses.HISTORY_VERSION_DELETE)) {
          stack.call(Addresses.HISTORY_VERSION_PUT, body("rev", 4, "name", "four"), user);
        }
        assertThat(stack.call(address, body, user)).as("%s on %s", user, address).isNotNull();
      }
    });
  }

  /** The sequencer's runs with their authors' names: they cover the document. */
  @Test
  void authorshipCoversTheDocumentWithNamedAuthors() {
    JsonObject reply = stack.call(Addresses.HISTORY_AUTHORSHIP, body(), editor);
    assertThat(reply.getLong("rev")).isEqualTo(OPS);
    int length = 0;
    for (Object run : reply.getJsonArray("runs")) {
      length += ((JsonObject) run).getInteger("length");
    }
    assertThat(length).isEqualTo(stack.open(docId, owner).length());
    assertThat(reply.getJsonArray("authors").stream().map(a -> ((JsonObject) a).getString("name")))
        .contains("User owner", "User editor");
  }

  @Test
  void badRangesAreRefused() {
    long head = OPS;
    assertThat(stack.failure(Addresses.HISTORY_REVISION, body("rev", head + 1), editor)).isEqualTo(ErrorCode.NOT_FOUND);
    assertThat(stack.failure(Addresses.HISTORY_REVISION, body("rev", -1), editor)).isEqualTo(ErrorCode.BAD_REQUEST);
    assertThat(stack.failure(Addresses.HISTORY_REVISION, body("rev", "1"), editor)).isEqualTo(ErrorCode.BAD_REQUEST);
    assertThat(stack.failure(Addresses.HISTORY_REVISION, body(), editor)).isEqualTo(ErrorCode.BAD_REQUEST);
    assertThat(stack.failure(Addresses.HISTORY_DIFF, body("from", 5, "to", 4), editor)).isEqualTo(ErrorCode.BAD_REQUEST);
    assertThat(stack.failure(Addresses.HISTORY_DIFF, body("from", 0, "to", 10_001), editor)).isEqualTo(ErrorCode.BAD_REQUEST);
    assertThat(stack.failure(Addresses.HISTORY_DIFF, body("from", 0, "to", head + 1), editor)).isEqualTo(ErrorCode.NOT_FOUND);
    assertThat(stack.failure(Addresses.HISTORY_PAGE, body("limit", 0), editor)).isEqualTo(ErrorCode.BAD_REQUEST);
    assertThat(stack.failure(Addresses.HISTORY_PAGE, body("limit", 101), editor)).isEqualTo(ErrorCode.BAD_REQUEST);
    assertThat(stack.failure(Addresses.HISTORY_PAGE, body("before", 0), editor)).isEqualTo(ErrorCode.BAD_REQUEST);
    assertThat(stack.failure(Addresses.HISTORY_PAGE, body("named", "yes"), editor)).isEqualTo(ErrorCode.BAD_REQUEST);
    assertThat(stack.failure(Addresses.HISTORY_VERSION_PUT, body("rev", head + 1, "name", "x"), editor)).isEqualTo(ErrorCode.NOT_FOUND);
    assertThat(stack.failure(Addresses.HISTORY_VERSION_PUT, body("rev", 0, "name", "x"), editor)).isEqualTo(ErrorCode.NOT_FOUND);
    assertThat(stack.failure(Addresses.HISTORY_VERSION_PUT, body("rev", 2, "name", ""), editor)).isEqualTo(ErrorCode.BAD_REQUEST);
    assertThat(stack.failure(Addresses.HISTORY_VERSION_PUT, body("rev", 2, "name", "n".repeat(101)), editor))
        .isEqualTo(ErrorCode.BAD_REQUEST);
    assertThat(stack.failure(Addresses.HISTORY_VERSION_PUT, body("rev", 2, "name", "a\uD800b"), editor))
        .isEqualTo(ErrorCode.BAD_REQUEST);
    assertThat(stack.failure(Addresses.HISTORY_VERSION_DELETE, body("rev", 7), editor)).isEqualTo(ErrorCode.NOT_FOUND);
    assertThat(stack.failure(Addresses.HISTORY_RESTORE, body("rev", head + 1), editor)).isEqualTo(ErrorCode.NOT_FOUND);
    assertThat(stack.failure(Addresses.HISTORY_PAGE, body().put("docId", "not a doc id"), editor)).isEqualTo(ErrorCode.BAD_REQUEST);
  }

  /** Pages of whole entries cover the log once; a named revision ends its entry; the named filter lists names only. */
  @Test
  void pagesCoverTheLogAndNamedVersionsEndTheirEntries() {
    String doc = stack.create(owner);
    stack.share(doc, owner, "editor", "editor");
    for (int i = 0; i < 12; i++) {
      stack.submit(doc, i < 6 ? owner : editor, i < 6 ? "pages-owner-0123456" : "pages-editor-012345", i % 6 + 1, i,
          Delta.builder().insert("p").build());
    }
    JsonObject d = new JsonObject().put("docId", doc);
    stack.call(Addresses.HISTORY_VERSION_PUT, d.copy().put("rev", 4).put("name", "draft"), editor);
    stack.call(Addresses.HISTORY_VERSION_PUT, d.copy().put("rev", 9).put("name", "first name"), owner);
    assertThat(stack.call(Addresses.HISTORY_VERSION_PUT, d.copy().put("rev", 9).put("name", "final"), owner))
        .isEqualTo(new JsonObject().put("rev", 9).put("name", "final"));

    JsonObject first = stack.call(Addresses.HISTORY_PAGE, d.copy().put("limit", 2), editor);
    assertThat(first.getBoolean("more")).isTrue();
    JsonArray entries = first.getJsonArray("entries");
    assertThat(entries.getJsonObject(0)).isEqualTo(new JsonObject().put("fromRev", 10).put("toRev", 12)
        .put("startTs", entries.getJsonObject(0).getLong("startTs")).put("endTs", entries.getJsonObject(0).getLong("endTs"))
        .put("ops", 3).put("authors", new JsonArray().add(new JsonObject().put("userId", editor).put("name", "User editor"))));
    assertThat(entries.getJsonObject(1).getString("name")).isEqualTo("final");
    assertThat(entries.getJsonObject(1).getLong("toRev")).isEqualTo(9);
    assertThat(entries.getJsonObject(1).getLong("fromRev")).isEqualTo(5);
    assertThat(entries.getJsonObject(1).getJsonArray("authors").stream().map(a -> ((JsonObject) a).getString("name")))
        .containsExactly("User owner", "User editor");

    List<JsonObject> all = new ArrayList<>();
    Long before = null;
    do {
      JsonObject req = d.copy().put("limit", 1);
      if (before != null) {
        req.put("before", before);
      }
      JsonObject page = stack.call(Addresses.HISTORY_PAGE, req, owner);
      page.getJsonArray("entries").forEach(e -> all.add((JsonObject) e));
      before = page.getBoolean("more") ? all.get(all.size() - 1).getLong("fromRev") : null;
    } while (before != null);
    assertThat(all.stream().map(e -> e.getLong("fromRev") + ".." + e.getLong("toRev") + ":" + e.getString("name")))
        .containsExactly("10..12:null", "5..9:final", "1..4:draft");

    JsonObject named = stack.call(Addresses.HISTORY_PAGE, d.copy().put("named", true), editor);
    assertThat(named.getJsonArray("entries").stream().map(e -> ((JsonObject) e).getLong("fromRev") + "="
        + ((JsonObject) e).getLong("toRev") + ":" + ((JsonObject) e).getString("name"))).containsExactly("9=9:final", "4=4:draft");
    assertThat(named.getBoolean("more")).isFalse();

    assertThat(stack.call(Addresses.HISTORY_VERSION_DELETE, d.copy().put("rev", 9), editor)).isEqualTo(new JsonObject());
    assertThat(stack.failure(Addresses.HISTORY_VERSION_DELETE, d.copy().put("rev", 9), editor)).isEqualTo(ErrorCode.NOT_FOUND);
    assertThat(stack.call(Addresses.HISTORY_PAGE, d, editor).getJsonArray("entries").stream()
        .map(e -> ((JsonObject) e).getLong("fromRev") + ".." + ((JsonObject) e).getLong("toRev")))
        .containsExactly("5..12", "1..4");
  }

  /**
   * A restore is an entry of its own even between its author's edits of the same minute, and says
   * what it restored; its client id is the history service's alone: the same submit sent without
   * the history service's origin is refused.
   */
  @Test
  void aRestoreIsAnEntryOfItsOwnUnderAClientIdOnlyHistoryMayUse() {
    String doc = stack.create(owner);
    for (int i = 0; i < 3; i++) {
      stack.submit(doc, owner, "owner-edits-0123456", i + 1, i, Delta.builder().insert("r").build());
    }
    JsonObject d = new JsonObject().put("docId", doc);
    assertThat(stack.call(Addresses.HISTORY_RESTORE, d.copy().put("rev", 1), owner)).isEqualTo(new JsonObject().put("rev", 4));
    stack.submit(doc, owner, "owner-edits-0123456", 4, 4, Delta.builder().retain(1).insert("s").build());
    assertThat(stack.call(Addresses.HISTORY_PAGE, d, owner).getJsonArray("entries").stream()
        .map(e -> ((JsonObject) e).getLong("fromRev") + ".." + ((JsonObject) e).getLong("toRev") + "<"
            + ((JsonObject) e).getLong("restoredFrom")))
        .containsExactly("5..5<null", "4..4<1", "1..3<null");

    String forged = RestoreIds.clientId(1);
    ReplyException refused = assertThrows(ReplyException.class,
        () -> stack.submit(doc, owner, forged, 1, 5, Delta.builder().insert("x").build()));
    assertThat(ErrorCode.of(refused.failureCode())).isEqualTo(ErrorCode.FORBIDDEN);
    assertThat(stack.open(doc, owner)).isEqualTo(Delta.builder().insert("rs\n").build());
  }
}
