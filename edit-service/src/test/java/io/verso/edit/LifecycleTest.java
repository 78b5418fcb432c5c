package io.verso.edit;

import static io.verso.edit.EditServiceTest.expect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.verso.protocol.Addresses;
import io.verso.protocol.ErrorCode;
import io.verso.protocol.storage.LoadResult;
import io.verso.storage.testing.TestPostgres;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Document lifecycle and guardrails on one node with real storage: snapshots every N revisions and
 * on unload, load = snapshot + tail, idle unload, rate limit, size limits, storage outage.
 */
class LifecycleTest {
  private static final JsonObject EDIT = new JsonObject().put("edit", new JsonObject()
      .put("snapshotEvery", 10).put("idleUnloadMs", 400).put("opsPerSecond", 2.0).put("opsBurst", 40)
      .put("maxOpInsertChars", 120).put("maxDocChars", 200));

  @RegisterExtension
  static final EditNode node = new EditNode(EDIT);

  @Test
  void snapshotsEveryNRevsAndOnIdleUnloadThenLoadsSnapshotPlusTail() throws Exception {
    String docId = Fixture.createDoc(node.vertx(), "owner-l1").await(10, TimeUnit.SECONDS);
    String cid = "lifecycle-client-01";
    for (int i = 1; i <= 25; i++) {
      Fixture.submit(node.vertx(), docId, "editor", cid, i, i - 1, Fixture.insert(i % 2 == 0 ? "a" : "b")).await(10, TimeUnit.SECONDS);
    }
    JsonObject before = open(docId);
    assertEquals(25, before.getLong("rev"));
    // every 10 revisions: the latest snapshot is at 20, the tail holds 21..25
    LoadResult mid = Fixture.awaitStored(node.vertx(), docId, r -> r.snapshot() != null && r.snapshot().rev() == 20);
    assertEquals(5, mid.ops().size());

    // nobody touches the document: it is snapshotted at its head and unloaded
    long deadline = System.currentTimeMillis() + 10_000;
    while (Fixture.hosted(node.vertx(), docId) && System.currentTimeMillis() < deadline) {
      Thread.sleep(100);
    }
    assertFalse(Fixture.hosted(node.vertx(), docId), "idle document unloaded");
    LoadResult after = Fixture.stored(node.vertx(), docId);
    assertNotNull(after.snapshot());
    assertEquals(25, after.snapshot().rev(), "snapshot on unload");
    assertTrue(after.ops().isEmpty());

    // reactivated from the snapshot: same content, same history for late clients, dedup intact
    JsonObject reopened = open(docId);
    assertEquals(before, reopened);
    JsonObject catchup = Fixture.send(node.vertx(), docId, "viewer", new JsonObject().put("action", "catchup")
        .put("fromRev", 15)).await(10, TimeUnit.SECONDS);
    assertEquals(10, catchup.getJsonArray("events").size());
    assertEquals(16, catchup.getJsonArray("events").getJsonObject(0).getLong("rev"));
    JsonObject dup = Fixture.submit(node.vertx(), docId, "editor", cid, 25, 24, Fixture.insert("b")).await(10, TimeUnit.SECONDS);
    assertEquals(25, dup.getLong("rev"));
    assertTrue(dup.getBoolean("duplicate"));
    JsonObject late = Fixture.submit(node.vertx(), docId, "editor", "lifecycle-client-02", 1, 18, Fixture.insert("c"))
        .await(10, TimeUnit.SECONDS);
    assertEquals(26, late.getLong("rev"), "a baseRev before the snapshot is transformed from the reloaded window");
  }

  @Test
  void rateLimitedBeyondTheBurst() throws Exception {
    String docId = Fixture.createDoc(node.vertx(), "owner-l2").await(10, TimeUnit.SECONDS);
    String cid = "lifecycle-client-03";
    // opsBurst 40, 2 ops/s: about 40 quick ops pass, then RATE_LIMITED (429) until tokens refill
    int accepted = 0;
    Throwable limited = null;
    for (int i = 1; i <= 60 && limited == null; i++) {
      try {
        Fixture.submit(node.vertx(), docId, "editor", cid, i, i - 1, Fixture.insert("r")).await(10, TimeUnit.SECONDS);
        accepted++;
      } catch (Exception e) {
        limited = e;
      }
    }
    assertNotNull(limited, "the burst ran out");
    assertEquals(ErrorCode.RATE_LIMITED, io.verso.runtime.Failures.codeOf(limited));
    assertTrue(accepted >= 40, "the burst allowance passes: " + accepted);
    // another user is not limited by this one
    JsonObject other = Fixture.send(node.vertx(), docId, "editor", "someone-else", submitBody("lifecycle-client-04", 1,
        accepted, Fixture.insert("o"))).await(10, TimeUnit.SECONDS);
    assertEquals(accepted + 1, other.getLong("rev"));
  }

  @Test
  void opAndDocumentSizeLimits() throws Exception {
    String docId = Fixture.createDoc(node.vertx(), "owner-l3").await(10, TimeUnit.SECONDS);
    String cid = "lifecycle-client-05";
    expect(ErrorCode.TOO_LARGE, Fixture.submit(node.vertx(), docId, "editor", cid, 1, 0, Fixture.insert("x".repeat(121))));
    assertEquals(1, Fixture.submit(node.vertx(), docId, "editor", cid, 1, 0, Fixture.insert("x".repeat(120)))
        .await(10, TimeUnit.SECONDS).getLong("rev"));
    expect(ErrorCode.TOO_LARGE, Fixture.submit(node.vertx(), docId, "editor", cid, 2, 1, Fixture.insert("y".repeat(80))));
    JsonObject doc = open(docId);
    assertEquals(1, doc.getLong("rev"));
    assertEquals(new JsonArray().add(new JsonObject().put("insert", "x".repeat(120) + "\n")), doc.getJsonArray("content"));
  }

  @Test
  void storageDownServesReadsFromMemoryAndRefusesWrites() throws Exception {
    Vertx other = Vertx.vertx();
    boolean stopped = false;
    try {
      Fixture.deployStorage(other).compose(v -> Fixture.deployEdit(other, new JsonObject()))
          .await(60, TimeUnit.SECONDS);
      String docId = Fixture.createDoc(other, "owner-l4").await(10, TimeUnit.SECONDS);
      String cid = "lifecycle-client-06";
      for (int i = 1; i <= 3; i++) {
        Fixture.submit(other, docId, "editor", cid, i, i - 1, Fixture.insert("s")).await(10, TimeUnit.SECONDS);
      }
      JsonObject before = Fixture.send(other, docId, "viewer", new JsonObject().put("action", "open"))
          .await(10, TimeUnit.SECONDS);

      // a second document with stored history that is not loaded anywhere
      String cold = Fixture.createDoc(other, "owner-l5").await(10, TimeUnit.SECONDS);
      other.eventBus().request(Addresses.STORAGE_OPS_APPEND, new io.verso.protocol.storage.AppendRequest(cold,
          java.util.List.of(new io.verso.protocol.storage.OpRecord(1, "lifecycle-client-07", 1, "tester",
              System.currentTimeMillis(), Fixture.insert("kept"))))
          .toJson()).await(10, TimeUnit.SECONDS);

      TestPostgres.stop();
      stopped = true;
      // its load fails: 503, and nothing is created over the stored data
      expect(ErrorCode.UNAVAILABLE, Fixture.send(other, cold, "viewer", new JsonObject().put("action", "open")));
      JsonObject open = Fixture.send(other, docId, "viewer", new JsonObject().put("action", "open"))
          .await(15, TimeUnit.SECONDS);
      assertEquals(before, open, "open answers from memory");
      JsonObject catchup = Fixture.send(other, docId, "viewer", new JsonObject().put("action", "catchup")
          .put("fromRev", 0)).await(15, TimeUnit.SECONDS);
      assertEquals(3, catchup.getJsonArray("events").size(), "catchup answers from memory");
      expect(ErrorCode.UNAVAILABLE, Fixture.submit(other, docId, "editor", cid, 4, 3, Fixture.insert("t")));
      expect(ErrorCode.UNAVAILABLE, Fixture.submit(other, docId, "editor", cid, 4, 3, Fixture.insert("t")));

      TestPostgres.start();
      stopped = false;
      // the client retries its op (same clientId, seq) until storage is back: it lands exactly once
      JsonObject r = null;
      long deadline = System.currentTimeMillis() + 20_000;
      while (r == null && System.currentTimeMillis() < deadline) {
        try {
          r = Fixture.submit(other, docId, "editor", cid, 4, 3, Fixture.insert("t")).await(15, TimeUnit.SECONDS);
        } catch (Exception e) {
          Thread.sleep(200);
        }
      }
      assertNotNull(r, "submit works again once storage is back");
      assertEquals(4, r.getLong("rev"));
      JsonObject after = Fixture.send(other, docId, "viewer", new JsonObject().put("action", "open"))
          .await(10, TimeUnit.SECONDS);
      assertEquals(4, after.getLong("rev"));
      assertEquals(new JsonArray().add(new JsonObject().put("insert", "tsss\n")), after.getJsonArray("content"));
      JsonObject coldAfter = Fixture.send(other, cold, "viewer", new JsonObject().put("action", "open"))
          .await(10, TimeUnit.SECONDS);
      assertEquals(1, coldAfter.getLong("rev"), "the failed load left the stored document alone");
      assertEquals(new JsonArray().add(new JsonObject().put("insert", "kept\n")), coldAfter.getJsonArray("content"));
    } finally {
      if (stopped) {
        TestPostgres.start();
      }
      other.close().await(30, TimeUnit.SECONDS);
      awaitStorageHealthy(node.vertx()); // the other tests' storage-service shares the restarted server
    }
  }

  /** Waits until storage-service answers its health check again (pool reconnected, breaker closed). */
  private static void awaitStorageHealthy(Vertx v) throws Exception {
    long deadline = System.currentTimeMillis() + 20_000;
    while (System.currentTimeMillis() < deadline) {
      try {
        v.eventBus().request(Addresses.STORAGE_HEALTH, new JsonObject()).await(5, TimeUnit.SECONDS);
        return;
      } catch (Exception e) {
        Thread.sleep(200);
      }
    }
    throw new AssertionError("storage did not recover");
  }

  private static JsonObject submitBody(String clientId, long seq, long baseRev, JsonArray ops) {
    return new JsonObject().put("action", "submit").put("clientId", clientId).put("seq", seq)
        .put("baseRev", baseRev).put("ops", ops);
  }

  private static JsonObject open(String docId) throws Exception {
    return Fixture.send(node.vertx(), docId, "viewer", new JsonObject().put("action", "open")).await(10, TimeUnit.SECONDS);
  }
}
