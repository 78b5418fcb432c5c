package io.verso.edit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.verso.protocol.ErrorCode;
import io.verso.runtime.Failures;
import io.verso.protocol.doc.OpEvent;
import io.verso.protocol.doc.SubmitRequest;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A member with editor rights, trying to hurt the other members' work or the node through the
 * document's own address (the bridge has already let the op through: role and identity are right).
 * Real storage-service on embedded PostgreSQL.
 */
class HostileMemberTest {
  private static final JsonObject LIMITS = new JsonObject()
      .put("opsPerSecond", 10_000.0).put("opsBurst", 10_000)
      .put("window", 1000).put("windowBytes", 100_000)
      .put("catchupPageBytes", 50_000)
      .put("maxOpBytes", 300_000).put("maxDocBytes", 1_000_000);

  @RegisterExtension
  static final EditNode node = new EditNode(new JsonObject().put("edit", LIMITS));

  /**
   * Client ids are public (every op event carries one). Bob submits under Alice's with her next seq:
   * without the binding, her real op would come back as a duplicate of his and never be applied.
   */
  @Test
  void aColleaguesClientIdCannotBeUsedToSwallowHerEdits() throws Exception {
    String docId = Fixture.createDoc(node.vertx(), "alice").await(10, TimeUnit.SECONDS);
    String hers = "alice-page-client-0001";
    assertEquals(1, submit(docId, "alice", hers, 1, 0, "a").getLong("rev"));

    expect(ErrorCode.FORBIDDEN, submitAsync(docId, "bob", hers, 2, 1, "evil"));
    expect(ErrorCode.FORBIDDEN, submitAsync(docId, "bob", hers, 1_000_000, 1, "evil")); // would fail all her later seqs
    expect(ErrorCode.FORBIDDEN, submitAsync(docId, "bob", hers, 1, 0, "a")); // no answer about her ops either

    JsonObject real = submit(docId, "alice", hers, 2, 1, "b");
    assertEquals(2, real.getLong("rev"));
    assertFalse(real.getBoolean("duplicate", false), "her edit is applied, not taken for a resend");
    assertEquals(3, submit(docId, "alice", hers, 3, 2, "c").getLong("rev"));
    assertEquals(4, submit(docId, "bob", "bob-page-client-00001", 1, 3, "d").getLong("rev"));

    List<OpEvent> log = Fixture.opLog(node.vertx(), docId, 4).await(10, TimeUnit.SECONDS);
    assertEquals(List.of("alice", "alice", "alice", "bob"), log.stream().map(OpEvent::userId).toList());

    // the binding comes back from storage with the document (a new sequencer, e.g. after failover)
    Sequencer fresh = new Sequencer(docId, new EventBusDocStore(node.vertx().eventBus(), 5_000), EditConfig.from(
        new JsonObject()), new Quiet());
    Fixture.onLoop(node.vertx(), fresh::load).await(10, TimeUnit.SECONDS);
    expect(ErrorCode.FORBIDDEN, Fixture.onLoop(node.vertx(), () -> fresh.submit(request(hers, 4, 4, "x"), "bob")));
    assertTrue(Fixture.onLoop(node.vertx(), () -> fresh.submit(request(hers, 3, 4, "c"), "alice"))
        .await(10, TimeUnit.SECONDS).duplicate());
  }

  /** The binding holds from the moment the first op is sequenced, not only once it is committed. */
  @Test
  void aClientIdIsBoundWhileItsFirstOpWaitsForItsCommit() throws Exception {
    String docId = Fixture.createDoc(node.vertx(), "alice").await(10, TimeUnit.SECONDS);
    HeldStore store = new HeldStore(new EventBusDocStore(node.vertx().eventBus(), 5_000));
    Sequencer s = new Sequencer(docId, store, EditConfig.from(new JsonObject()), new Quiet());
    Fixture.onLoop(node.vertx(), s::load).await(10, TimeUnit.SECONDS);
    String hers = "alice-held-client-001";
    store.hold = true;
    Future<SubmitReply> pending = Fixture.onLoop(node.vertx(), () -> Future.succeededFuture(
        s.submit(request(hers, 1, 0, "a"), "alice"))).await(10, TimeUnit.SECONDS);
    expect(ErrorCode.FORBIDDEN, Fixture.onLoop(node.vertx(), () -> s.submit(request(hers, 1, 0, "a"), "bob")));
    Fixture.onLoop(node.vertx(), () -> {
      store.release();
      return Future.succeededFuture();
    }).await(10, TimeUnit.SECONDS);
    assertEquals(1, pending.await(10, TimeUnit.SECONDS).rev());
  }

  /** An embed is one character whatever its size: the op's bytes are what is limited. */
  @Test
  void largeImagesAreTooLargeThoughEachIsOneCharacter() throws Exception {
    String docId = Fixture.createDoc(node.vertx(), "alice").await(10, TimeUnit.SECONDS);
    String image = "data:image/png;base64," + "A".repeat(200_000); // within the inline image limit
    JsonArray ops = new JsonArray().add(new JsonObject().put("insert", new JsonObject().put("image", image)))
        .add(new JsonObject().put("insert", new JsonObject().put("image", image))); // 400 kB, over maxOpBytes here
    expect(ErrorCode.TOO_LARGE, Fixture.submit(node.vertx(), docId, "editor", "image-client-000001", 1, 0, ops));
    assertEquals(0, Fixture.opLog(node.vertx(), docId, 1).await(10, TimeUnit.SECONDS).size(), "nothing stored");
  }

  /**
   * A format is zero characters whatever it repeats over: a tiny op linking a document of many runs
   * would copy its attribute into every run (every snapshot, every open answer).
   */
  @Test
  void aFormatOverManyRunsCannotPushTheDocumentPastItsBytes() throws Exception {
    String docId = Fixture.createDoc(node.vertx(), "alice").await(10, TimeUnit.SECONDS);
    String cid = "format-client-0000001";
    submit(docId, "alice", cid, 1, 0, "x".repeat(20_000));
    JsonArray everyOther = new JsonArray();
    for (int i = 0; i < 5_000; i++) {
      everyOther.add(new JsonObject().put("retain", 1).put("attributes", new JsonObject().put("bold", true)))
          .add(new JsonObject().put("retain", 1));
    }
    assertEquals(2, submitOps(docId, "alice", cid, 2, 1, everyOther).await(10, TimeUnit.SECONDS).getLong("rev"));
    JsonArray linkAll = new JsonArray().add(new JsonObject().put("retain", 20_000)
        .put("attributes", new JsonObject().put("link", "https://example.com/" + "p".repeat(1000))));
    expect(ErrorCode.TOO_LARGE, submitOps(docId, "alice", cid, 3, 2, linkAll));
    JsonObject open = Fixture.send(node.vertx(), docId, "viewer", new JsonObject().put("action", "open")).await(10, TimeUnit.SECONDS);
    assertEquals(2, open.getLong("rev"), "nothing applied");
  }

  /**
   * Catch-up pages end when their ops fill the byte budget, from the window and from storage alike;
   * the window itself is bounded by bytes (a resend based before it must resync).
   */
  @Test
  void catchupPagesAndTheWindowAreBoundedInBytes() throws Exception {
    String docId = Fixture.createDoc(node.vertx(), "alice").await(10, TimeUnit.SECONDS);
    String cid = "large-ops-client-0001";
    for (int rev = 1; rev <= 10; rev++) {
      submit(docId, "alice", cid, rev, rev - 1, Character.toString('a' + rev).repeat(20_000));
    }
    // the window holds at most 100 kB: rev 1 left it long ago (by count alone it would be there)
    expect(ErrorCode.RESYNC_REQUIRED, submitAsync(docId, "alice", "late-client-000000001", 1, 1, "late"));
    for (long from : new long[] {0, 7}) { // from storage, then from the window
      JsonObject page = catchup(docId, from);
      assertEquals(2, page.getJsonArray("events").size(), "two 20 kB ops fit in 50 kB, three do not");
      assertEquals(from + 1, page.getJsonArray("events").getJsonObject(0).getLong("rev"));
      assertTrue(page.getBoolean("more", false));
    }
    JsonObject last = catchup(docId, 9);
    assertEquals(1, last.getJsonArray("events").size());
    assertFalse(last.containsKey("more"));
  }

  /** An op edge between the halves of a surrogate pair would leave lone halves in storage. */
  @Test
  void opsThatSplitASurrogatePairAreInvalid() throws Exception {
    String docId = Fixture.createDoc(node.vertx(), "alice").await(10, TimeUnit.SECONDS);
    String cid = "emoji-client-00000001";
    submit(docId, "alice", cid, 1, 0, "a\uD83D\uDE00b");
    expect(ErrorCode.INVALID_OP, submitOps(docId, "alice", cid, 2, 1,
        new JsonArray().add(new JsonObject().put("retain", 2)).add(new JsonObject().put("insert", "x"))));
    expect(ErrorCode.INVALID_OP, submitOps(docId, "alice", cid, 2, 1,
        new JsonArray().add(new JsonObject().put("retain", 1)).add(new JsonObject().put("delete", 1))));
    expect(ErrorCode.INVALID_OP, submitOps(docId, "alice", cid, 2, 1,
        new JsonArray().add(new JsonObject().put("insert", "\uD83D"))));
    JsonObject open = Fixture.send(node.vertx(), docId, "viewer", new JsonObject().put("action", "open")).await(10, TimeUnit.SECONDS);
    assertEquals("a\uD83D\uDE00b\n", open.getJsonArray("content").getJsonObject(0).getString("insert"));
  }

  // ---------------------------------------------------------------- helpers

  private static JsonObject catchup(String docId, long fromRev) throws Exception {
    return Fixture.send(node.vertx(), docId, "viewer", new JsonObject().put("action", "catchup").put("fromRev", fromRev))
        .await(10, TimeUnit.SECONDS);
  }

  private static JsonObject submit(String docId, String user, String clientId, long seq, long baseRev, String text)
      throws Exception {
    return submitAsync(docId, user, clientId, seq, baseRev, text).await(10, TimeUnit.SECONDS);
  }

  private static Future<JsonObject> submitAsync(String docId, String user, String clientId, long seq, long baseRev,
      String text) {
    return Fixture.send(node.vertx(), docId, "editor", user, request(clientId, seq, baseRev, text).toJson());
  }

  private static Future<JsonObject> submitOps(String docId, String user, String clientId, long seq, long baseRev,
      JsonArray ops) {
    return Fixture.send(node.vertx(), docId, "editor", user, new SubmitRequest(clientId, seq, baseRev, ops).toJson());
  }

  private static SubmitRequest request(String clientId, long seq, long baseRev, String text) {
    return new SubmitRequest(clientId, seq, baseRev, new JsonArray().add(new JsonObject().put("insert", text)));
  }

  private static void expect(ErrorCode code, Future<?> f) throws Exception {
    Throwable t = f.transform(ar -> Future.succeededFuture(ar.cause())).await(10, TimeUnit.SECONDS);
    assertTrue(t != null, "expected " + code + " but it succeeded");
    assertEquals(code, Failures.codeOf(t), t.getMessage());
  }

  private static final class Quiet implements Sequencer.Listener {
    @Override
    public void committed(String docId, OpEvent event) {}

    @Override
    public void steppedDown(String docId, String reason) {}
  }

  /** The real store, whose appends can be held back. */
  private static final class HeldStore extends ForwardingStore {
    private final Promise<Void> released = Promise.promise();
    boolean hold;

    HeldStore(DocStore real) {
      super(real);
    }

    void release() {
      released.tryComplete();
    }

    @Override
    public Future<Long> append(String docId, List<OpEvent> ops) {
      return hold ? released.future().compose(v -> real.append(docId, ops)) : real.append(docId, ops);
    }
  }
}
