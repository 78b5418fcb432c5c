package io.verso.edit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.verso.delta.ContentBytes;
import io.verso.delta.Delta;
import io.verso.protocol.DeltaJson;
import io.verso.protocol.doc.OpEvent;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The commit queue without a store: one batch in flight, bounded batches, lookups of resends. */
class CommitQueueTest {

  private static CommitQueue.Pending pending(long rev, String text) {
    Delta d = Delta.builder().insert(text).build();
    OpEvent e = new OpEvent(rev, DeltaJson.toJson(d), "client-" + rev, 1, "user", 0);
    return CommitQueue.Pending.of(new OpWindow.Entry(rev, d, e.clientId(), 1, "user", 0, ContentBytes.of(d)), e);
  }

  @Test
  void oneBatchInFlightAndTheRestInTheNext() {
    CommitQueue q = new CommitQueue();
    assertNull(q.next());
    q.add(pending(1, "a"));
    List<CommitQueue.Pending> first = q.next();
    assertEquals(1, first.size());
    q.add(pending(2, "b"));
    q.add(pending(3, "c"));
    assertNull(q.next(), "one append in flight at a time");
    assertSame(first.get(0), q.find("client-1", 1), "a resend of the op in flight finds it");
    assertSame(null, q.find("client-1", 2));
    q.landed();
    assertEquals(2, q.next().size());
    q.landed();
    assertFalse(q.busy());
  }

  @Test
  void batchesAreBoundedByCountAndBytes() {
    CommitQueue q = new CommitQueue();
    for (int i = 1; i <= CommitQueue.MAX_BATCH + 10; i++) {
      q.add(pending(i, "x"));
    }
    assertEquals(CommitQueue.MAX_BATCH, q.next().size());
    q.landed();
    assertEquals(10, q.next().size());
    q.landed();
    String big = "y".repeat(200_000); // bound 6 × 200 kB each: one per 2 MiB batch
    for (int i = 1; i <= 5; i++) {
      q.add(pending(1000 + i, big));
    }
    assertEquals(1, q.next().size());
    q.landed();
    List<CommitQueue.Pending> queued = q.takeQueued();
    assertEquals(4, queued.size());
    assertFalse(q.busy());
    assertTrue(queued.get(0).bytes() >= 6 * 200_000);
  }
}
