package io.verso.edit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.verso.protocol.storage.LoadResult;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A document that stays open but gets no commit for {@code edit.quietSnapshotMs} is snapshotted at
 * its head, far short of {@code snapshotEvery} revisions and without unloading: what was typed last
 * reaches storage (and the list's content search) soon after typing stops. Real storage, one node.
 */
class QuietSnapshotTest {
  private static final long QUIET_MS = 1_000;

  @RegisterExtension
  static final EditNode node = new EditNode(new JsonObject().put("edit", new JsonObject()
      .put("snapshotEvery", 100).put("idleUnloadMs", 600_000).put("quietSnapshotMs", QUIET_MS)));

  @Test
  void aQuietDocumentIsSnapshottedAtItsHeadWhileItStaysOpen() throws Exception {
    String docId = Fixture.createDoc(node.vertx(), "owner-q1").await(10, TimeUnit.SECONDS);
    String cid = "quiet-client-0001";
    for (int i = 1; i <= 3; i++) {
      Fixture.submit(node.vertx(), docId, "editor", cid, i, i - 1, Fixture.insert("abc")).await(10, TimeUnit.SECONDS);
    }
    LoadResult first = Fixture.awaitStored(node.vertx(), docId, r -> r.snapshot() != null && r.snapshot().rev() == 3);
    assertTrue(first.ops().isEmpty(), "the snapshot is at the head");
    assertTrue(Fixture.hosted(node.vertx(), docId), "snapshotted while open, not by the unload");

    // typing again, faster than the quiet time: no snapshot until it stops, then one at the new head
    for (int i = 4; i <= 8; i++) {
      Fixture.submit(node.vertx(), docId, "editor", cid, i, i - 1, Fixture.insert("d")).await(10, TimeUnit.SECONDS);
      assertEquals(3, Fixture.stored(node.vertx(), docId).snapshot().rev(), "no snapshot while commits keep coming");
      Thread.sleep(100);
    }
    Fixture.awaitStored(node.vertx(), docId, r -> r.snapshot().rev() == 8);
    assertTrue(Fixture.hosted(node.vertx(), docId));
  }
}
