package io.verso.edit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.verso.delta.Anchor;
import io.verso.delta.Delta;
import io.verso.edit.comments.CommentRoom;
import io.verso.edit.comments.EventBusCommentStorage;
import io.verso.protocol.Addresses;
import io.verso.protocol.DeltaJson;
import io.verso.protocol.comments.CommentThread;
import io.verso.protocol.doc.OpEvent;
import io.vertx.core.Future;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Threads made on random ranges at the revision a commenter saw, while three editors type at random
 * (their ops transformed by the sequencer): every thread's anchor, as the room answers it at the
 * head, is exactly its range moved through every op committed after the revision it was given at
 * ({@link Anchor#transform}, itself checked against a per-character model in AnchorPropertyTest),
 * and lies in the document. A fresh room loaded from storage (saved anchors moved through the ops
 * since) agrees. Real edit-service and storage-service; fixed seeds.
 */
class CommentAnchorPropertyTest {
  @RegisterExtension
  static final EditNode node = new EditNode(new JsonObject().put("edit", new JsonObject()
      .put("opsPerSecond", 10_000.0).put("opsBurst", 10_000)
      .put("commentsPerSecond", 10_000.0).put("commentsBurst", 10_000)));

  private record Made(String threadId, long rev, int index, int length) {}

  @ParameterizedTest
  @ValueSource(longs = {11, 12, 13})
  void everyAnchorIsItsRangeMovedThroughTheCommittedOps(long seed) throws Exception {
    String docId = Fixture.createDoc(node.vertx(), "owner").await(10, TimeUnit.SECONDS);
    List<TestClient> editors = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      editors.add(new TestClient(node.vertx(), docId, "editor-" + i, "editor"));
    }
    Fixture.onLoop(node.vertx(), () -> Future.all(editors.stream().map(TestClient::open).toList()).mapEmpty())
        .await(30, TimeUnit.SECONDS);
    Random rnd = new Random(seed);
    Future<Void> typing = Fixture.typeRandomly(node.vertx(), editors, new Random(seed * 31), 60, 2);

    List<Made> made = new ArrayList<>();
    while (made.size() < 20) {
      JsonObject open = comment(docId, new JsonObject().put("action", "open"));
      long rev = open.getLong("rev");
      int length = DeltaJson.fromJson(open.getJsonArray("content")).length();
      if (length < 2) {
        Thread.sleep(5);
        continue; // only the final newline yet: nothing to comment on
      }
      int index = rnd.nextInt(length - 1);
      int len = 1 + rnd.nextInt(Math.min(length - index, 12));
      Thread.sleep(rnd.nextInt(15)); // the editors go on meanwhile: the room moves the range to its head
      JsonObject reply = comment(docId, new JsonObject().put("action", "comment.create").put("rev", rev)
          .put("index", index).put("length", len).put("text", "note " + made.size()));
      made.add(new Made(reply.getJsonObject("thread").getString("id"), rev, index, len));
    }
    typing.await(120, TimeUnit.SECONDS);
    Fixture.awaitIdle(node.vertx(), editors, 60_000);

    JsonObject listed = comment(docId, new JsonObject().put("action", "comments"));
    long head = listed.getLong("rev");
    List<OpEvent> log = Fixture.opLog(node.vertx(), docId, head).await(10, TimeUnit.SECONDS);
    assertEquals(head, log.size());
    Map<String, CommentThread> threads = byId(CommentThread.listFromJson(listed));
    int headLength = documentAt(log, head).length();
    int detached = 0;
    for (Made m : made) {
      Anchor expected = Anchor.of(m.index(), m.length(), documentAt(log, m.rev()).length());
      for (OpEvent e : log.subList((int) m.rev(), (int) head)) {
        expected = expected.transform(DeltaJson.fromJson(e.ops()));
      }
      CommentThread t = threads.get(m.threadId());
      String failure = "seed " + seed + ", " + m;
      assertEquals(expected, new Anchor(t.index(), t.length(), t.detached()), failure);
      assertEquals(head, t.rev(), failure);
      assertTrue(t.index() + t.length() <= headLength, failure + ": inside the document");
      detached += t.detached() ? 1 : 0;
    }

    // a room loading afresh (failover, unload) finds the same anchors from storage and the op log
    CommentRoom fresh = new CommentRoom(docId, new EventBusCommentStorage(node.vertx().eventBus(), 5_000),
        from -> Future.succeededFuture(new CommentRoom.OpSource.Page(log.subList((int) from, (int) head), false)),
        event -> { }, 1, 1);
    Fixture.onLoop(node.vertx(), () -> fresh.load(head, headLength)).await(10, TimeUnit.SECONDS);
    JsonObject reloaded = Fixture.onLoop(node.vertx(), () -> fresh.request("comments", new JsonObject(),
        new io.verso.edit.comments.Actor("owner", "Owner", io.verso.protocol.Role.OWNER))).await(10, TimeUnit.SECONDS);
    assertEquals(threads, byId(CommentThread.listFromJson(reloaded)), "seed " + seed);
    org.slf4j.LoggerFactory.getLogger(getClass()).info("seed {}: {} threads over {} revisions, {} detached",
        seed, made.size(), head, detached);
  }

  private static Map<String, CommentThread> byId(List<CommentThread> list) {
    Map<String, CommentThread> map = new HashMap<>();
    list.forEach(t -> map.put(t.id(), t));
    return map;
  }

  private static Delta documentAt(List<OpEvent> log, long rev) {
    Delta doc = Delta.builder().insert("\n").build();
    for (OpEvent e : log.subList(0, (int) rev)) {
      doc = doc.compose(DeltaJson.fromJson(e.ops()));
    }
    return doc;
  }

  private static JsonObject comment(String docId, JsonObject body) throws Exception {
    DeliveryOptions options = new DeliveryOptions().setSendTimeout(10_000)
        .addHeader(Addresses.HEADER_USER_ID, "commenter").addHeader(Addresses.HEADER_ROLE, "commenter")
        .addHeader(Addresses.HEADER_USER_NAME, "Carla Commenter");
    return Fixture.onLoop(node.vertx(), () -> new io.verso.runtime.DocumentClient(node.vertx())
            .request(docId, body, options).map(m -> (JsonObject) m.body()))
        .await(15, TimeUnit.SECONDS);
  }
}
