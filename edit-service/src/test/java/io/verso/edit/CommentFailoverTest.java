package io.verso.edit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.verso.delta.Anchor;
import io.verso.delta.Delta;
import io.verso.protocol.Addresses;
import io.verso.protocol.DeltaJson;
import io.verso.protocol.comments.CommentThread;
import io.verso.protocol.doc.OpEvent;
import io.verso.runtime.DocumentClient;
import io.verso.runtime.testing.Clusters;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Comments are as durable as the text: the node hosting a document is killed while a commenter
 * makes threads and editors type; every thread the commenter was answered for (resending the same
 * id until answered, as the page does) is on the node that takes over, exactly once, its anchor the
 * range it was given moved through every op committed since. Clustered Vert.x, real storage.
 */
class CommentFailoverTest {
  private static final JsonObject EDIT = new JsonObject().put("edit", new JsonObject()
      .put("leaseMs", 3_000).put("opsPerSecond", 1_000.0).put("opsBurst", 1_000)
      .put("commentsPerSecond", 1_000.0).put("commentsBurst", 1_000));

  private record Made(String id, long rev, int index, int length) {}

  @Test
  void killingTheHostingNodeLosesNoAcknowledgedComment() throws Exception {
    List<Vertx> nodes = Clusters.start(3).await(90, TimeUnit.SECONDS);
    Vertx storageNode = nodes.get(0);
    Vertx victim = nodes.get(1);
    Vertx survivor = nodes.get(2);
    try {
      String docId = Fixture.docHostedBy(storageNode, victim, survivor, EDIT, "owner-cf");

      List<TestClient> editors = List.of(new TestClient(storageNode, docId, "cf-editor-1", "editor"),
          new TestClient(storageNode, docId, "cf-editor-2", "editor"));
      Fixture.onLoop(storageNode, () -> Future.all(editors.stream().map(TestClient::open).toList()).mapEmpty())
          .await(30, TimeUnit.SECONDS);
      Random rnd = new Random(42);
      Future<Void> typing = Fixture.typeRandomly(storageNode, editors, new Random(7), 120, 4);

      List<Made> acknowledged = new ArrayList<>();
      for (int i = 0; i < 30; i++) {
        if (i == 10) {
          Clusters.kill(victim); // the document's host, with threads written and more on the way
        }
        acknowledged.add(createUntilAnswered(storageNode, docId, rnd, "cf-thread-" + (1_000_000_000L + i)));
      }
      typing.await(120, TimeUnit.SECONDS);
      Fixture.awaitIdle(storageNode, editors, 60_000);

      JsonObject listed = ask(storageNode, docId, new JsonObject().put("action", "comments"));
      long head = listed.getLong("rev");
      List<OpEvent> log = Fixture.opLog(storageNode, docId, head).await(10, TimeUnit.SECONDS);
      Map<String, CommentThread> threads = new HashMap<>();
      CommentThread.listFromJson(listed).forEach(t -> threads.put(t.id(), t));
      assertEquals(acknowledged.size(), threads.size(), "every acknowledged thread, each once");
      for (Made m : acknowledged) {
        Anchor expected = Anchor.of(m.index(), m.length(), documentAt(log, m.rev()).length());
        for (OpEvent e : log.subList((int) m.rev(), (int) head)) {
          expected = expected.transform(DeltaJson.fromJson(e.ops()));
        }
        CommentThread t = threads.get(m.id());
        assertTrue(t != null, "thread " + m.id() + " survived");
        assertEquals(expected, new Anchor(t.index(), t.length(), t.detached()), m.toString());
        assertEquals(1, t.comments().size());
      }
    } finally {
      Clusters.close(nodes).await(30, TimeUnit.SECONDS);
    }
  }

  /** Opens, picks a range, and sends the same create until it is answered (as the page resends). */
  private static Made createUntilAnswered(Vertx node, String docId, Random rnd, String id) throws Exception {
    JsonObject open = retry(node, docId, new JsonObject().put("action", "open"));
    long rev = open.getLong("rev");
    int length = DeltaJson.fromJson(open.getJsonArray("content")).length();
    // before anything is typed, the final newline is the one character there is to comment on
    int index = length < 2 ? 0 : rnd.nextInt(length - 1);
    int len = length < 2 ? 1 : 1 + rnd.nextInt(Math.min(length - 1 - index, 8));
    retry(node, docId, new JsonObject().put("action", "comment.create").put("rev", rev).put("index", index)
        .put("length", len).put("text", "note " + id).put("id", id));
    return new Made(id, rev, index, len);
  }

  private static JsonObject retry(Vertx node, String docId, JsonObject body) throws Exception {
    long deadline = System.currentTimeMillis() + 30_000;
    while (true) {
      try {
        return ask(node, docId, body);
      } catch (Exception e) {
        if (System.currentTimeMillis() > deadline) {
          throw e;
        }
        Thread.sleep(200);
      }
    }
  }

  private static JsonObject ask(Vertx node, String docId, JsonObject body) throws Exception {
    DeliveryOptions options = new DeliveryOptions().setSendTimeout(5_000)
        .addHeader(Addresses.HEADER_USER_ID, "cf-commenter").addHeader(Addresses.HEADER_ROLE, "commenter")
        .addHeader(Addresses.HEADER_USER_NAME, "Cleo");
    return Fixture.onLoop(node, () -> new DocumentClient(node).request(docId, body.copy(), options)
        .map(m -> (JsonObject) m.body())).await(20, TimeUnit.SECONDS);
  }

  private static Delta documentAt(List<OpEvent> log, long rev) {
    Delta doc = Delta.builder().insert("\n").build();
    for (OpEvent e : log.subList(0, (int) rev)) {
      doc = doc.compose(DeltaJson.fromJson(e.ops()));
    }
    return doc;
  }
}
