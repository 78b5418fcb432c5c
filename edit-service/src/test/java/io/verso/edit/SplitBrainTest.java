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
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Two sequencers for one document at once, bypassing ownership: the storage fence lets exactly
 * one of them write each revision, the loser steps down, and the op log stays a single history.
 */
class SplitBrainTest extends WithStorage {

  private static final class Recorder implements Sequencer.Listener {
    final List<OpEvent> published = new ArrayList<>();
    final List<String> stepDowns = new ArrayList<>();

    @Override
    public void committed(String docId, OpEvent event) {
      published.add(event);
    }

    @Override
    public void steppedDown(String docId, String reason) {
      stepDowns.add(reason);
    }
  }

  @Test
  void theFenceKeepsOneHistoryAndTheLoserStepsDown() throws Exception {
    String docId = Fixture.createDoc(vertx, "owner-sb").await(10, TimeUnit.SECONDS);
    EditConfig config = EditConfig.from(new JsonObject());
    DocStore store = new EventBusDocStore(vertx.eventBus(), 5_000);
    Recorder r1 = new Recorder();
    Recorder r2 = new Recorder();
    Sequencer s1 = new Sequencer(docId, store, config, r1);
    Sequencer s2 = new Sequencer(docId, store, config, r2);
    Fixture.onLoop(vertx, () -> Future.all(s1.load(), s2.load()).mapEmpty()).await(10, TimeUnit.SECONDS);

    // Both believe they own rev 0; each receives submits, interleaved.
    List<Future<SubmitReply>> results = new ArrayList<>();
    Fixture.onLoop(vertx, () -> {
      for (int i = 1; i <= 20; i++) {
        results.add(s1.submit(submit("split-brain-client-A", i), "alice"));
        results.add(s2.submit(submit("split-brain-client-B", i), "bob"));
      }
      return Future.join(results).otherwiseEmpty().mapEmpty();
    }).await(30, TimeUnit.SECONDS);

    int succeeded = 0;
    for (Future<SubmitReply> f : results) {
      if (f.succeeded()) {
        succeeded++;
      } else {
        assertEquals(ErrorCode.UNAVAILABLE, Failures.codeOf(f.cause()), "losers are told to retry");
      }
    }
    boolean s1Lost = s1.state() == Sequencer.State.CLOSED;
    boolean s2Lost = s2.state() == Sequencer.State.CLOSED;
    assertTrue(s1Lost ^ s2Lost, "exactly one sequencer steps down");
    assertEquals(1, (s1Lost ? r1 : r2).stepDowns.size());
    Recorder winner = s1Lost ? r2 : r1;

    long head = (s1Lost ? s2 : s1).committedRev();
    List<OpEvent> log = Fixture.opLog(vertx, docId, head).await(10, TimeUnit.SECONDS);
    assertEquals(succeeded, log.size(), "every acknowledged op is in the log, nothing else");
    Set<Long> revs = new HashSet<>();
    for (int i = 0; i < log.size(); i++) {
      assertEquals(i + 1, log.get(i).rev());
      assertTrue(revs.add(log.get(i).rev()));
    }
    // Whatever the loser managed to commit before losing is part of the one history.
    List<OpEvent> all = new ArrayList<>(r1.published);
    all.addAll(r2.published);
    assertEquals(log.size(), all.size(), "published exactly the committed ops");
    assertTrue(winner.published.size() > 0);
  }

  private static SubmitRequest submit(String clientId, long seq) {
    return new SubmitRequest(clientId, seq, seq - 1,
        new JsonArray().add(new JsonObject().put("insert", clientId.substring(clientId.length() - 1))));
  }
}
