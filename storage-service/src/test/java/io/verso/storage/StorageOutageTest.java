package io.verso.storage;

import static io.verso.storage.StorageFixture.await;
import static io.verso.storage.StorageFixture.op;
import static org.assertj.core.api.Assertions.assertThat;

import io.verso.protocol.Addresses;
import io.verso.protocol.ErrorCode;
import io.verso.protocol.storage.LoadResult;
import io.verso.protocol.storage.OpRecord;
import io.verso.storage.embedded.PostgresServer;
import io.vertx.core.Future;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Acceptance 4: PostgreSQL stopped during the test → requests fail UNAVAILABLE (503) within 2 s
 * (circuit breaker); after a restart they succeed again and every acknowledged append is in the log.
 * Uses a server of its own (stopping the JVM's shared one would disturb other test classes).
 */
class StorageOutageTest {
  private static final Logger LOG = LoggerFactory.getLogger(StorageOutageTest.class);
  private static final long BOUND_MS = 2_000;

  @TempDir
  Path tmp;

  @Test
  @Timeout(value = 3, unit = TimeUnit.MINUTES)
  void unavailableWithinTwoSecondsWhileDownAndEveryAckedAppendSurvivesARestart() {
    PostgresServer pg = PostgresServer.start(tmp.resolve("pg"), 0);
    try {
      pg.createDatabase("verso");
      JsonObject config = new JsonObject().put("pg.uri", pg.uri("verso"))
          .put("breaker.maxFailures", 3).put("breaker.timeoutMs", 1500).put("breaker.resetTimeoutMs", 500)
          .put("pg.connectTimeoutMs", 5000).put("pg.acquireTimeoutMs", 5000); // a stopped server refuses at once
      try (StorageFixture storage = StorageFixture.deploy(config)) {
        run(pg, storage);
      }
    } finally {
      pg.close();
    }
  }

  private void run(PostgresServer pg, StorageFixture storage) {
    String steady = storage.createDoc("owner", "steady");
    String burst = storage.createDoc("owner", "burst");
    Map<Long, OpRecord> ackedSteady = new ConcurrentHashMap<>();
    for (long rev = 1; rev <= 50; rev++) {
      OpRecord op = op(rev, "steady", rev);
      await(storage.append(steady, op));
      ackedSteady.put(rev, op);
    }

    // A stream of pipelined appends (50 in flight) runs while the server stops: the appends committed
    // before are acknowledged, the others fail; the stream ends at its first failure.
    Map<Long, OpRecord> ackedBurst = new ConcurrentHashMap<>();
    Stream stream = new Stream(storage, burst, ackedBurst);
    // one context sends them all, in rev order (replies come back on it too)
    storage.vertx.getOrCreateContext().runOnContext(v -> {
      for (int i = 0; i < 50; i++) {
        stream.pump();
      }
    });
    while (ackedBurst.size() < 300) {
      assertThat(stream.failed).as("the stream failed before the stop").isFalse();
      sleep(5);
    }
    pg.stop();
    await(stream.done.future());
    LOG.info("{} of the stream's appends were acknowledged, {} sent", ackedBurst.size(), stream.next.get() - 1);

    // While it is down: every kind of request fails UNAVAILABLE, quickly (breaker closed, then open).
    for (int i = 0; i < 12; i++) {
      long rev = ackedSteady.size() + 1;
      Future<JsonObject> f = switch (i % 4) {
        case 0 -> storage.append(steady, op(rev, "steady", rev));
        case 1 -> storage.request(Addresses.STORAGE_DOC_LOAD, new JsonObject().put("docId", steady));
        case 2 -> storage.request(Addresses.STORAGE_DOC_GET, new JsonObject().put("docId", steady));
        default -> storage.request(Addresses.STORAGE_HEALTH, new JsonObject());
      };
      long start = System.nanoTime();
      StorageFixture.expectFailure(ErrorCode.UNAVAILABLE, f);
      long ms = (System.nanoTime() - start) / 1_000_000;
      LOG.info("request {} while PostgreSQL is down failed UNAVAILABLE after {} ms", i, ms);
      assertThat(ms).as("time to UNAVAILABLE of request %d", i).isLessThan(BOUND_MS);
    }
    // many at once too
    List<Future<JsonObject>> many = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      many.add(storage.request(Addresses.STORAGE_DOC_GET, new JsonObject().put("docId", steady)));
    }
    long start = System.nanoTime();
    await(Future.join(many).otherwiseEmpty());
    assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(BOUND_MS);
    for (Future<JsonObject> f : many) {
      assertThat(ErrorCode.of(((ReplyException) f.cause()).failureCode())).isEqualTo(ErrorCode.UNAVAILABLE);
    }

    pg.restart();

    // Service resumes by itself (breaker half-opens, probes, closes).
    long deadline = System.currentTimeMillis() + 30_000;
    LoadResult load = null;
    while (load == null) {
      try {
        load = LoadResult.fromJson(storage.call(Addresses.STORAGE_DOC_LOAD, new JsonObject().put("docId", steady)));
      } catch (ReplyException e) {
        assertThat(ErrorCode.of(e.failureCode())).isEqualTo(ErrorCode.UNAVAILABLE);
        assertThat(System.currentTimeMillis()).as("resumed within 30 s").isLessThan(deadline);
        sleep(100);
      }
    }
    long next = load.headRev() + 1;
    assertThat(await(storage.append(steady, op(next, "steady", next))).getLong("headRev")).isEqualTo(next);

    assertEveryAckedOpIsStored(storage, steady, ackedSteady);
    assertEveryAckedOpIsStored(storage, burst, ackedBurst);
    assertThat(storage.call(Addresses.STORAGE_HEALTH, new JsonObject()).getString("breaker")).isEqualTo("CLOSED");
  }

  private static void assertEveryAckedOpIsStored(StorageFixture storage, String doc, Map<Long, OpRecord> acked) {
    LoadResult load = LoadResult.fromJson(storage.call(Addresses.STORAGE_DOC_LOAD, new JsonObject().put("docId", doc)));
    Map<Long, OpRecord> stored = new java.util.HashMap<>();
    for (OpRecord op : load.ops()) {
      stored.put(op.rev(), op);
    }
    assertThat(load.headRev()).isGreaterThanOrEqualTo(acked.keySet().stream().mapToLong(Long::longValue).max().orElse(0));
    for (OpRecord op : acked.values()) {
      assertThat(stored.get(op.rev())).as("acknowledged rev %d of %s", op.rev(), doc).isEqualTo(op);
    }
    // nothing else than contiguous revs 1..head
    assertThat(stored.keySet()).hasSize((int) load.headRev());
  }

  /** Pipelined appends of contiguous revs to one document until the first failure. */
  private static final class Stream {
    final StorageFixture storage;
    final String doc;
    final Map<Long, OpRecord> acked;
    final java.util.concurrent.atomic.AtomicLong next = new java.util.concurrent.atomic.AtomicLong(1);
    final java.util.concurrent.atomic.AtomicInteger outstanding = new java.util.concurrent.atomic.AtomicInteger();
    volatile boolean failed;
    final io.vertx.core.Promise<Void> done = io.vertx.core.Promise.promise();

    Stream(StorageFixture storage, String doc, Map<Long, OpRecord> acked) {
      this.storage = storage;
      this.doc = doc;
      this.acked = acked;
    }

    void pump() {
      if (failed) {
        return;
      }
      long rev = next.getAndIncrement();
      OpRecord op = op(rev, "stream", rev);
      outstanding.incrementAndGet();
      storage.append(doc, op).onComplete(ar -> {
        if (ar.succeeded()) {
          acked.put(rev, op);
        } else {
          failed = true;
        }
        pump();
        if (outstanding.decrementAndGet() == 0 && failed) {
          done.tryComplete();
        }
      });
    }
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
