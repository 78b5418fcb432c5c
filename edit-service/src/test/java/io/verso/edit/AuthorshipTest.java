package io.verso.edit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.verso.delta.Authorship;
import io.verso.delta.Delta;
import io.verso.delta.Insert;
import io.verso.delta.Op;
import io.verso.delta.Retain;
import io.verso.protocol.Addresses;
import io.verso.protocol.DeltaJson;
import io.verso.protocol.ErrorCode;
import io.verso.protocol.doc.OpEvent;
import io.verso.protocol.doc.SubmitRequest;
import io.verso.protocol.storage.LoadResult;
import io.verso.runtime.AuthorshipRuns;
import io.verso.runtime.testing.RandomEdits;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Who wrote what, kept by the sequencer on real storage: after random concurrent edits of several
 * users the {@code authorship} action's runs cover the document and match a per-character model
 * replayed from the op log; a document reloaded from a snapshot plus ops, or from the snapshot
 * saved on unload, has the same runs; viewers and commenters are refused.
 */
class AuthorshipTest {
  private static final String[] USERS = {"ann", "bob", "cy", "dee"};
  private static Vertx vertx;

  @BeforeAll
  static void start() throws Exception {
    vertx = Vertx.vertx();
    JsonObject edit = new JsonObject().put("edit", new JsonObject().put("snapshotEvery", 20)
        .put("idleUnloadMs", 1_000).put("opsPerSecond", 10_000.0).put("opsBurst", 10_000));
    Fixture.deployStorage(vertx).compose(v -> Fixture.deployEdit(vertx, edit)).await(60, TimeUnit.SECONDS);
  }

  @AfterAll
  static void stop() throws Exception {
    vertx.close().await(30, TimeUnit.SECONDS);
  }

  @Test
  void concurrentEditorsGetRunsThatFollowTheLogAndSurviveAnUnload() throws Exception {
    String docId = Fixture.createDoc(vertx, "owner-a1").await(10, TimeUnit.SECONDS);
    long seed = Long.getLong("verso.seed", System.nanoTime());
    List<TestClient> all = new ArrayList<>();
    for (String user : USERS) {
      all.add(new TestClient(vertx, docId, user, "editor"));
    }
    Fixture.onLoop(vertx, () -> Future.all(all.stream().map(TestClient::open).toList()).mapEmpty())
        .await(30, TimeUnit.SECONDS);
    Random rnd = new Random(seed);
    Fixture.typeRandomly(vertx, all, rnd, 60, 2).await(60, TimeUnit.SECONDS);
    Fixture.awaitIdle(vertx, all, 60_000);

    JsonObject open = Fixture.send(vertx, docId, "editor", new JsonObject().put("action", "open"))
        .await(10, TimeUnit.SECONDS);
    long head = open.getLong("rev");
    Delta content = DeltaJson.fromJson(open.getJsonArray("content"));
    JsonObject reply = authorship(docId, "editor");
    String failure = "seed=" + seed;
    assertEquals(head, reply.getLong("rev"), failure);
    List<Authorship.Run> runs = AuthorshipRuns.fromJson(reply.getJsonArray("runs"));
    assertEquals(content.length(), runs.stream().mapToInt(Authorship.Run::length).sum(), failure);
    List<OpEvent> log = Fixture.opLog(vertx, docId, head).await(30, TimeUnit.SECONDS);
    assertEquals(model(log), expand(runs), failure + ": runs follow the log");
    assertTrue(runs.stream().map(Authorship.Run::userId).distinct().count() > 2, "several authors: " + runs);

    // unloaded (snapshot at the head, with its runs) and loaded again: the same runs
    waitUnloaded(docId);
    LoadResult stored = Fixture.stored(vertx, docId);
    assertEquals(head, stored.snapshot().rev());
    assertNotNull(stored.snapshot().authorship());
    assertEquals(reply, authorship(docId, "editor"), failure + ": the same after a reload");
    all.forEach(c -> Fixture.onLoop(vertx, c::close));
  }

  /** A sequencer that dies leaves a snapshot with runs and ops after it; the next one rebuilds both. */
  @Test
  void aDocumentRestoredFromASnapshotAndOpsHasTheSameRuns() throws Exception {
    String docId = Fixture.createDoc(vertx, "owner-a2").await(10, TimeUnit.SECONDS);
    EditConfig config = EditConfig.from(new JsonObject().put("edit", new JsonObject().put("snapshotEvery", 10)
        .put("opsPerSecond", 10_000.0).put("opsBurst", 10_000)));
    List<Delta> contents = new ArrayList<>(List.of(Delta.builder().insert("\n").build()));
    Sequencer.Listener track = new Sequencer.Listener() {
      @Override
      public void committed(String id, OpEvent e) {
        if (e.rev() == contents.size()) { // the contents at every revision, for stale bases
          contents.add(contents.get(contents.size() - 1).compose(DeltaJson.fromJson(e.ops())));
        }
      }

      @Override
      public void steppedDown(String id, String reason) {
        throw new AssertionError(reason);
      }
    };
    Sequencer first = new Sequencer(docId, new EventBusDocStore(vertx.eventBus(), 5_000), config, track);
    Fixture.onLoop(vertx, first::load).await(10, TimeUnit.SECONDS);
    Random rnd = new Random(7);
    long[] seqs = new long[USERS.length];
    while (contents.size() <= 37) {
      // one to four users at once, each on a base up to three revisions old: transformed, one batch
      Fixture.onLoop(vertx, () -> {
        List<Future<SubmitReply>> replies = new ArrayList<>();
        int head = contents.size() - 1;
        for (int u = 0; u < USERS.length; u++) {
          if (rnd.nextInt(2) == 0 || u == 0) {
            int base = Math.max(0, head - rnd.nextInt(4));
            SubmitRequest req = new SubmitRequest("authorship-client-" + u, ++seqs[u], base,
                DeltaJson.toJson(RandomEdits.next(rnd, contents.get(base))));
            replies.add(first.submit(req, USERS[u]));
          }
        }
        return Future.all(replies).mapEmpty();
      }).await(10, TimeUnit.SECONDS);
    }
    LoadResult stored = Fixture.stored(vertx, docId);
    while (stored.ops().isEmpty()) { // a snapshot landed at the head: one more op after it
      SubmitRequest req = new SubmitRequest("authorship-client-0", ++seqs[0], contents.size() - 1,
          DeltaJson.toJson(Delta.builder().insert("z").build()));
      Fixture.onLoop(vertx, () -> first.submit(req, USERS[0])).await(10, TimeUnit.SECONDS);
      stored = Fixture.stored(vertx, docId);
    }
    assertNotNull(stored.snapshot().authorship(), "snapshots carry the runs");
    List<Authorship.Run> before = runs(first);
    long head = first.committedRev();
    List<OpEvent> log = Fixture.opLog(vertx, docId, head).await(10, TimeUnit.SECONDS);
    assertEquals(model(log), expand(before));

    // the first sequencer is gone without a word (no drain, no snapshot): the next one restores
    Sequencer second = new Sequencer(docId, new EventBusDocStore(vertx.eventBus(), 5_000), config, track);
    Fixture.onLoop(vertx, second::load).await(10, TimeUnit.SECONDS);
    assertEquals(head, second.committedRev());
    assertEquals(before, runs(second));
    Fixture.onLoop(vertx, second::drain).await(10, TimeUnit.SECONDS);
    Sequencer third = new Sequencer(docId, new EventBusDocStore(vertx.eventBus(), 5_000), config, track);
    Fixture.onLoop(vertx, third::load).await(10, TimeUnit.SECONDS);
    assertEquals(before, runs(third));
  }

  @Test
  void viewersAndCommentersSeeNoAuthorship() throws Exception {
    String docId = Fixture.createDoc(vertx, "owner-a3").await(10, TimeUnit.SECONDS);
    Fixture.submit(vertx, docId, "editor", "authorship-client-x", 1, 0,
        DeltaJson.toJson(Delta.builder().insert("hi").build())).await(10, TimeUnit.SECONDS);
    for (String role : new String[] {"viewer", "commenter", null}) {
      EditServiceTest.expect(ErrorCode.FORBIDDEN, Fixture.send(vertx, docId, role,
          new JsonObject().put("action", "authorship")));
    }
    JsonObject owner = authorship(docId, "owner");
    assertEquals(1, owner.getLong("rev"));
    assertEquals(new io.vertx.core.json.JsonArray()
        .add(new JsonObject().put("length", 2).put("userId", "tester"))
        .add(new JsonObject().put("length", 1).putNull("userId")), owner.getJsonArray("runs"),
        "the new document's newline is nobody's");
  }

  // ---------------------------------------------------------------- helpers

  private static JsonObject authorship(String docId, String role) throws Exception {
    return Fixture.send(vertx, docId, role, new JsonObject().put("action", "authorship")).await(10, TimeUnit.SECONDS);
  }

  private static List<Authorship.Run> runs(Sequencer s) throws Exception {
    return Fixture.onLoop(vertx, s::authorship).await(10, TimeUnit.SECONDS).runs();
  }

  /** The author of each character: a new document's newline by nobody, then every op by its user. */
  private static List<String> model(List<OpEvent> log) {
    List<String> cells = new ArrayList<>();
    cells.add(null);
    for (OpEvent e : log) {
      int pos = 0;
      for (Op op : DeltaJson.fromJson(e.ops()).ops()) {
        if (op instanceof Insert) {
          for (int i = 0; i < op.length(); i++) {
            cells.add(pos++, e.userId());
          }
        } else if (op instanceof Retain) {
          pos += op.length();
        } else {
          cells.subList(pos, pos + op.length()).clear();
        }
      }
    }
    return cells;
  }

  private static List<String> expand(List<Authorship.Run> runs) {
    List<String> cells = new ArrayList<>();
    for (int k = 0; k < runs.size(); k++) {
      if (k > 0) {
        assertFalse(java.util.Objects.equals(runs.get(k - 1).userId(), runs.get(k).userId()), "merged: " + runs);
      }
      for (int i = 0; i < runs.get(k).length(); i++) {
        cells.add(runs.get(k).userId());
      }
    }
    return cells;
  }

  private static void waitUnloaded(String docId) throws Exception {
    long deadline = System.currentTimeMillis() + 15_000;
    while (System.currentTimeMillis() < deadline) {
      JsonObject status = vertx.eventBus().<JsonObject>request(Addresses.EDIT_STATUS, new JsonObject(),
          new DeliveryOptions().setLocalOnly(true)).map(m -> m.body()).await(10, TimeUnit.SECONDS);
      if (status.getJsonArray("docs").stream().noneMatch(o -> docId.equals(((JsonObject) o).getString("docId")))) {
        return;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("document " + docId + " not unloaded");
  }
}
