package io.verso.edit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.verso.delta.Delta;
import io.verso.protocol.Addresses;
import io.verso.protocol.DeltaJson;
import io.verso.protocol.ErrorCode;
import io.verso.runtime.Failures;
import io.verso.protocol.doc.OpEvent;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.ExtendWith;

/** The sequencer on one node, against real storage-service on embedded PostgreSQL. */
@ExtendWith(VertxExtension.class)
class EditServiceTest {

  @RegisterExtension
  static final EditNode node = new EditNode(new JsonObject().put("edit", new JsonObject()
      .put("opsPerSecond", 10_000.0).put("opsBurst", 10_000).put("window", 1000)));

  @Test
  void twentyClientsConvergeAndTheLogHoldsEveryOpOnce() throws Exception {
    String docId = Fixture.createDoc(node.vertx(), "owner-1").await(10, TimeUnit.SECONDS);
    long seed = Long.getLong("verso.seed", System.nanoTime());
    int clients = 20;
    int opsEach = 200;
    List<TestClient> all = new ArrayList<>();
    for (int i = 0; i < clients; i++) {
      all.add(new TestClient(node.vertx(), docId, "user-" + i, "editor"));
    }
    Fixture.onLoop(node.vertx(), () -> Future.all(all.stream().map(TestClient::open).toList()).mapEmpty())
        .await(30, TimeUnit.SECONDS);

    Random rnd = new Random(seed);
    Fixture.typeRandomly(node.vertx(), all, rnd, opsEach, 3).await(120, TimeUnit.SECONDS);

    Fixture.awaitIdle(node.vertx(), all, 60_000);
    String failure = "seed=" + seed;
    JsonObject server = all.get(0).request(new JsonObject().put("action", "open")).await(10, TimeUnit.SECONDS);
    Delta serverDoc = DeltaJson.fromJson(server.getJsonArray("content"));
    long head = server.getLong("rev");
    for (TestClient c : all) {
      assertTrue(c.fatalErrors.isEmpty(), failure + " " + c.fatalErrors);
      assertEquals(head, c.state().rev(), failure);
      assertEquals(serverDoc, c.state().document(), failure + " client " + c.clientId);
    }
    org.slf4j.LoggerFactory.getLogger(EditServiceTest.class).info(
        "{} clients x {} edits: {} submits committed as revs 1..{} ({} resends, {} gaps), seed {}",
        clients, opsEach, all.stream().mapToLong(c -> c.state().lastSeq()).sum(), head,
        all.stream().mapToInt(c -> c.resends).sum(), all.stream().mapToInt(c -> c.gaps).sum(), seed);
    long submitted = all.stream().mapToLong(c -> c.state().lastSeq()).sum();
    assertEquals(submitted, head, failure + ": every submitted op became exactly one committed op");
    for (TestClient c : all) {
      assertEquals(c.state().lastSeq(), c.acknowledgedSeqs.size(), failure + ": every op of a client acknowledged");
    }

    List<OpEvent> log = Fixture.opLog(node.vertx(), docId, head).await(30, TimeUnit.SECONDS);
    assertEquals(head, log.size());
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < log.size(); i++) {
      OpEvent e = log.get(i);
      assertEquals(i + 1, e.rev(), "revisions contiguous from 1");
      assertTrue(seen.add(e.clientId() + "/" + e.seq()), "op applied twice: " + e);
    }
    for (TestClient c : all) {
      for (long s : c.acknowledgedSeqs) {
        assertTrue(seen.contains(c.clientId + "/" + s), "acknowledged op missing from the log");
      }
    }
    // The replayed log gives the same document as the sequencer's memory.
    Delta replay = Delta.builder().insert("\n").build();
    for (OpEvent e : log) {
      replay = replay.compose(DeltaJson.fromJson(e.ops()));
    }
    assertEquals(serverDoc, replay);
  }

  @Test
  void hostileSubmitsGetTheirCodeAndChangeNothing() throws Exception {
    String docId = Fixture.createDoc(node.vertx(), "owner-2").await(10, TimeUnit.SECONDS);
    TestClient editor = new TestClient(node.vertx(), docId, "user-h", "editor");
    Fixture.onLoop(node.vertx(), editor::open).await(10, TimeUnit.SECONDS);
    // a little history so that "far behind" exists
    for (int i = 1; i <= 3; i++) {
      submit(docId, "editor", "hostile-client-0001", i, i - 1, new JsonArray().add(new JsonObject().put("insert", "x")))
          .await(10, TimeUnit.SECONDS);
    }
    JsonObject before = open(docId);
    String cid = "hostile-client-0002";
    JsonArray ok = new JsonArray().add(new JsonObject().put("insert", "y"));
    expect(ErrorCode.INVALID_OP, submit(docId, "editor", cid, 1, 3, ops("{\"retain\":-1}")));
    expect(ErrorCode.INVALID_OP, submit(docId, "editor", cid, 1, 3, ops("{\"retain\":1.5}")));
    expect(ErrorCode.INVALID_OP, submit(docId, "editor", cid, 1, 3, ops("{\"delete\":0}")));
    expect(ErrorCode.INVALID_OP, submit(docId, "editor", cid, 1, 3, ops("{\"retain\":100},{\"insert\":\"a\"}")));
    expect(ErrorCode.INVALID_OP, submit(docId, "editor", cid, 1, 3, ops("{\"delete\":100}")));
    expect(ErrorCode.INVALID_OP, submit(docId, "editor", cid, 1, 3, ops("{\"retain\":3},{\"delete\":1}")));
    expect(ErrorCode.INVALID_OP, submit(docId, "editor", cid, 1, 3, ops("{\"retain\":4},{\"insert\":\"after\"}")));
    expect(ErrorCode.INVALID_OP, submit(docId, "editor", cid, 1, 3, ops("{\"foo\":1}")));
    expect(ErrorCode.INVALID_OP, submit(docId, "editor", cid, 1, 3, ops("{\"insert\":5}")));
    expect(ErrorCode.INVALID_OP, submit(docId, "editor", cid, 1, 3, ops("{\"insert\":\"a\",\"delete\":1}")));
    expect(ErrorCode.INVALID_OP, submit(docId, "editor", cid, 1, 3,
        ops("{\"insert\":\"a\",\"attributes\":{\"link\":\"javascript:alert(1)\"}}")));
    expect(ErrorCode.INVALID_OP, submit(docId, "editor", cid, 1, 3,
        ops("{\"insert\":\"a\",\"attributes\":{\"link\":\" jav\\tascript:alert(1)\"}}")));
    expect(ErrorCode.INVALID_OP, submit(docId, "editor", cid, 1, 3,
        ops("{\"insert\":{\"image\":\"javascript:alert(1)\"}}")));
    expect(ErrorCode.INVALID_OP, submit(docId, "editor", cid, 1, 3, ops("{\"insert\":{\"script\":\"x\"}}")));
    expect(ErrorCode.INVALID_OP, submit(docId, "editor", cid, 1, 3,
        ops("{\"insert\":\"a\",\"attributes\":{\"onerror\":\"x\"}}")));
    expect(ErrorCode.TOO_LARGE, submit(docId, "editor", cid, 1, 3,
        new JsonArray().add(new JsonObject().put("insert", "z".repeat(10 * 1024 * 1024)))));
    expect(ErrorCode.REV_AHEAD, submit(docId, "editor", cid, 1, 99, ok));
    expect(ErrorCode.BAD_REQUEST, submit(docId, "editor", cid, 1, -1, ok));
    expect(ErrorCode.BAD_REQUEST, send(docId, "editor", new JsonObject().put("action", "submit")
        .put("seq", 1).put("baseRev", 3).put("ops", ok)));
    expect(ErrorCode.BAD_REQUEST, send(docId, "editor", new JsonObject().put("action", "submit")
        .put("clientId", cid).put("seq", "1").put("baseRev", 3).put("ops", ok)));
    expect(ErrorCode.BAD_REQUEST, send(docId, "editor", new JsonObject().put("action", "submit")
        .put("clientId", "short").put("seq", 1).put("baseRev", 3).put("ops", ok)));
    expect(ErrorCode.BAD_REQUEST, send(docId, "editor", new JsonObject().put("action", "submit")
        .put("clientId", cid).put("seq", 1).put("baseRev", 3).put("ops", "insert")));
    expect(ErrorCode.BAD_REQUEST, send(docId, "editor", new JsonObject().put("action", "nope")));
    expect(ErrorCode.FORBIDDEN, submit(docId, "viewer", cid, 1, 3, ok));
    expect(ErrorCode.FORBIDDEN, submit(docId, "commenter", cid, 1, 3, ok));
    expect(ErrorCode.FORBIDDEN, send(docId, null, new JsonObject().put("action", "open")));
    expect(ErrorCode.UNAUTHENTICATED, node.vertx().eventBus().request(Addresses.doc(docId),
        new JsonObject().put("action", "open"), new DeliveryOptions()));

    expect(ErrorCode.NOT_FOUND, send("no-such-document", "viewer", new JsonObject().put("action", "open")));
    expect(ErrorCode.NOT_FOUND, submit("no-such-document", "editor", cid, 1, 0, ok));

    JsonObject after = open(docId);
    assertEquals(before.getLong("rev"), after.getLong("rev"));
    assertEquals(before.getJsonArray("content"), after.getJsonArray("content"));

    // the same client can still submit normally afterwards
    JsonObject r = submit(docId, "editor", cid, 1, 3, ok).await(10, TimeUnit.SECONDS);
    assertEquals(4, r.getLong("rev"));
    // and a resend of it is a duplicate with the original revision
    JsonObject dup = submit(docId, "editor", cid, 1, 3, ok).await(10, TimeUnit.SECONDS);
    assertEquals(4, dup.getLong("rev"));
    assertTrue(dup.getBoolean("duplicate"));
    // an older seq that was never committed (its submit failed) cannot come back once a later one is
    JsonObject second = submit(docId, "editor", cid, 3, 4, ok).await(10, TimeUnit.SECONDS);
    assertEquals(5, second.getLong("rev"));
    expect(ErrorCode.BAD_REQUEST, submit(docId, "editor", cid, 2, 5, ok));
    // and an older committed one is still answered from the op log
    JsonObject old = submit(docId, "editor", cid, 1, 3, ok).await(10, TimeUnit.SECONDS);
    assertEquals(4, old.getLong("rev"));
    assertTrue(old.getBoolean("duplicate"));
    Fixture.onLoop(node.vertx(), editor::close).await(5, TimeUnit.SECONDS);
  }

  @Test
  void aBaseRevBeyondTheWindowMustResync() throws Exception {
    Vertx small = Vertx.vertx();
    try {
      JsonObject edit = new JsonObject().put("edit", new JsonObject().put("window", 5));
      Fixture.deployStorage(small).compose(v -> Fixture.deployEdit(small, edit))
          .await(60, TimeUnit.SECONDS);
      String docId = Fixture.createDoc(small, "owner-3").await(10, TimeUnit.SECONDS);
      for (int i = 1; i <= 10; i++) {
        Fixture.submit(small, docId, "editor", "window-client-0001", i, i - 1,
            new JsonArray().add(new JsonObject().put("insert", "w"))).await(10, TimeUnit.SECONDS);
      }
      expect(ErrorCode.RESYNC_REQUIRED, Fixture.submit(small, docId, "editor", "window-client-0002", 1, 2,
          new JsonArray().add(new JsonObject().put("insert", "late"))));
      JsonObject r = Fixture.submit(small, docId, "editor", "window-client-0002", 1, 6,
          new JsonArray().add(new JsonObject().put("insert", "late"))).await(10, TimeUnit.SECONDS);
      assertEquals(11, r.getLong("rev"));
    } finally {
      small.close().await(30, TimeUnit.SECONDS);
    }
  }

  /**
   * The window keeps deltas, not event JSON: a catch-up served from memory must still give, field
   * for field, the events the op log stored (and that were published when they committed).
   */
  @Test
  void catchupFromMemoryGivesTheStoredEvents() throws Exception {
    String docId = Fixture.createDoc(node.vertx(), "owner-4").await(10, TimeUnit.SECONDS);
    String cid = "memory-client-0001";
    String[] ops = {
        "{\"insert\":\"Hi\",\"attributes\":{\"bold\":true}}",
        "{\"retain\":1},{\"insert\":{\"image\":\"https://example.com/a.png\"}}",
        "{\"retain\":2},{\"retain\":1,\"attributes\":{\"italic\":true,\"color\":\"#ff0000\"}}",
        "{\"insert\":\"\u00e9\ud83d\ude00\"},{\"delete\":1}",
        "{\"retain\":3},{\"insert\":\"\\n\",\"attributes\":{\"header\":1}}"};
    for (int i = 0; i < ops.length; i++) {
      submit(docId, "editor", cid, i + 1, i, ops(ops[i])).await(10, TimeUnit.SECONDS);
    }
    JsonArray fromMemory = send(docId, "viewer", new JsonObject().put("action", "catchup").put("fromRev", 0))
        .await(10, TimeUnit.SECONDS).getJsonArray("events");
    List<OpEvent> stored = Fixture.opLog(node.vertx(), docId, ops.length).await(10, TimeUnit.SECONDS);
    assertEquals(ops.length, fromMemory.size());
    for (int i = 0; i < ops.length; i++) {
      OpEvent m = OpEvent.fromJson(fromMemory.getJsonObject(i));
      OpEvent s = stored.get(i);
      assertEquals(s.rev(), m.rev());
      assertEquals(s.clientId(), m.clientId());
      assertEquals(s.seq(), m.seq());
      assertEquals(s.userId(), m.userId());
      assertEquals(s.ts(), m.ts());
      assertEquals(DeltaJson.fromJson(s.ops()), DeltaJson.fromJson(m.ops()), "rev " + s.rev());
      assertEquals(ops(ops[i]), m.ops(), "the op as submitted (canonical, nothing concurrent to transform over)");
    }
  }

  private JsonObject open(String docId) throws Exception {
    return send(docId, "viewer", new JsonObject().put("action", "open")).await(10, TimeUnit.SECONDS);
  }

  private static JsonArray ops(String json) {
    return new JsonArray("[" + json + "]");
  }

  private Future<JsonObject> submit(String docId, String role, String clientId, long seq, long baseRev, JsonArray ops) {
    return Fixture.submit(node.vertx(), docId, role, clientId, seq, baseRev, ops);
  }

  private Future<JsonObject> send(String docId, String role, JsonObject body) {
    return Fixture.send(node.vertx(), docId, role, body);
  }

  static void expect(ErrorCode code, Future<?> f) throws Exception {
    try {
      f.await(20, TimeUnit.SECONDS);
    } catch (Exception e) {
      assertEquals(code, Failures.codeOf(e), "wrong code for: " + e.getMessage());
      return;
    }
    throw new AssertionError("expected " + code + " but it succeeded");
  }
}
