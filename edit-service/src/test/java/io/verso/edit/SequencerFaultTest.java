package io.verso.edit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.verso.protocol.ErrorCode;
import io.verso.runtime.Failures;
import io.verso.protocol.doc.OpEvent;
import io.verso.protocol.doc.SubmitRequest;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The sequencer against real storage-service with faults injected at its storage edge: a commit
 * whose reply is lost (it did land), and group commit while an append is in flight.
 */
class SequencerFaultTest extends WithStorage {

  /** Real storage; optionally reports the next append as failed after it committed (a lost reply). */
  private static final class FaultyStore extends ForwardingStore {
    final List<Integer> appendSizes = new ArrayList<>();
    final AtomicInteger loseNextReplies = new AtomicInteger();

    FaultyStore() {
      super(new EventBusDocStore(vertx.eventBus(), 5_000));
    }

    @Override
    public Future<Long> append(String docId, List<OpEvent> ops) {
      appendSizes.add(ops.size());
      return real.append(docId, ops).compose(head -> loseNextReplies.getAndUpdate(n -> Math.max(0, n - 1)) > 0
          ? Future.failedFuture(ErrorCode.UNAVAILABLE.exception("reply lost (injected)"))
          : Future.succeededFuture(head));
    }
  }

  private static final class Recorder implements Sequencer.Listener {
    final List<OpEvent> published = new ArrayList<>();

    @Override
    public void committed(String docId, OpEvent event) {
      published.add(event);
    }

    @Override
    public void steppedDown(String docId, String reason) {
      throw new AssertionError("unexpected step-down: " + reason);
    }
  }

  @Test
  void aCommitWhoseReplyIsLostIsRecoveredPublishedOnceAndDeduplicated() throws Exception {
    String docId = Fixture.createDoc(vertx, "owner-f1").await(10, TimeUnit.SECONDS);
    FaultyStore store = new FaultyStore();
    Recorder events = new Recorder();
    Sequencer s = new Sequencer(docId, store, EditConfig.from(new JsonObject()), events);
    Fixture.onLoop(vertx, s::load).await(10, TimeUnit.SECONDS);
    String cid = "fault-client-000001";
    assertEquals(1, submit(s, cid, 1, 0, "a").rev());

    store.loseNextReplies.set(1);
    Exception lost = null;
    try {
      submit(s, cid, 2, 1, "b");
    } catch (Exception e) {
      lost = e;
    }
    assertTrue(lost != null, "the caller was told the outcome is unknown");
    assertEquals(ErrorCode.UNAVAILABLE, Failures.codeOf(lost));
    assertEquals(1, events.published.size(), "nothing published before the outcome is known");

    // the client resends the same (clientId, seq): the reload finds the commit, publishes it, dedups
    SubmitReply again = submit(s, cid, 2, 1, "b");
    assertEquals(2, again.rev());
    assertTrue(again.duplicate());
    assertEquals(2, events.published.size());
    assertEquals(2, events.published.get(1).rev());
    assertEquals(3, submit(s, cid, 3, 2, "c").rev());
    List<OpEvent> log = Fixture.opLog(vertx, docId, 3).await(10, TimeUnit.SECONDS);
    assertEquals(List.of(1L, 2L, 3L), log.stream().map(OpEvent::rev).toList());
    assertEquals(List.of(1L, 2L, 3L), log.stream().map(OpEvent::seq).toList(), "each op once");
  }

  @Test
  void submitsArrivingDuringACommitShareTheNextAppend() throws Exception {
    String docId = Fixture.createDoc(vertx, "owner-f2").await(10, TimeUnit.SECONDS);
    FaultyStore store = new FaultyStore();
    Recorder events = new Recorder();
    Sequencer s = new Sequencer(docId, store, EditConfig.from(new JsonObject()), events);
    Fixture.onLoop(vertx, s::load).await(10, TimeUnit.SECONDS);
    List<Future<SubmitReply>> replies = new ArrayList<>();
    Fixture.onLoop(vertx, () -> {
      for (int i = 1; i <= 30; i++) {
        replies.add(s.submit(request("group-client-" + (1000000 + i), 1, 0, "x"), "u" + i));
      }
      // a resend of a pending op gets the same answer, not a second revision
      replies.add(s.submit(request("group-client-1000005", 1, 0, "x"), "u5"));
      return Future.all(replies).mapEmpty();
    }).await(20, TimeUnit.SECONDS);
    assertEquals(List.of(1, 29), store.appendSizes, "one append in flight, the rest grouped into the next");
    assertEquals(replies.get(4).result().rev(), replies.get(30).result().rev());
    assertTrue(replies.get(30).result().duplicate());
    assertEquals(30, s.committedRev());
    assertEquals(30, events.published.size());
  }

  @Test
  void bigOpsArrivingTogetherAreSplitIntoAppendsStorageAccepts() throws Exception {
    String docId = Fixture.createDoc(vertx, "owner-f3").await(10, TimeUnit.SECONDS);
    FaultyStore store = new FaultyStore();
    Recorder events = new Recorder();
    Sequencer s = new Sequencer(docId, store,
        EditConfig.from(new JsonObject().put("edit", new JsonObject().put("maxDocChars", 8_000_000))), events);
    Fixture.onLoop(vertx, s::load).await(10, TimeUnit.SECONDS);
    String big = "x".repeat(200_000);
    List<Future<SubmitReply>> replies = new ArrayList<>();
    // 25 x 200 kB: one append in flight, 24 waiting = 4.8 MB, over storage's 4 MiB append limit
    Fixture.onLoop(vertx, () -> {
      for (int i = 1; i <= 25; i++) {
        replies.add(s.submit(request("big-client-" + (1000000 + i), 1, 0, big), "u" + i));
      }
      return Future.join(replies).mapEmpty();
    }).await(60, TimeUnit.SECONDS);
    for (Future<SubmitReply> r : replies) {
      assertTrue(r.succeeded(), "committed: " + r.cause());
    }
    assertEquals(25, s.committedRev());
    assertEquals(25, store.appendSizes.stream().mapToInt(Integer::intValue).sum());
    assertTrue(store.appendSizes.size() > 2, "split into several appends: " + store.appendSizes);
  }

  private static SubmitRequest request(String clientId, long seq, long baseRev, String text) {
    return new SubmitRequest(clientId, seq, baseRev, new JsonArray().add(new JsonObject().put("insert", text)));
  }

  private static SubmitReply submit(Sequencer s, String clientId, long seq, long baseRev, String text) throws Exception {
    return Fixture.onLoop(vertx, () -> s.submit(request(clientId, seq, baseRev, text), "fault-user"))
        .await(10, TimeUnit.SECONDS);
  }
}
