package io.verso.bench.history;

import io.verso.bench.trace.Trace;
import io.verso.delta.Delta;
import io.verso.delta.Document;
import io.verso.delta.HistorySessions.OpMeta;
import io.verso.protocol.Addresses;
import io.verso.protocol.DeltaJson;
import io.verso.protocol.storage.AppendRequest;
import io.verso.protocol.storage.OpRecord;
import io.verso.protocol.storage.SnapshotSaveRequest;
import io.verso.protocol.storage.VersionPutRequest;
import io.verso.runtime.DocumentRebuilder;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * Loads a whole editing trace into the storage-service as one real document, through its event-bus
 * API: one op per trace transaction, appended in batches of 1000 (group commit), with the times and
 * users of {@link HistorySessionsBenchmark#log} (4 users taking turns, 0–3 s between ops, a 5–120 min
 * pause after 1 op in 500: the traces' own times are not real). Snapshots as the sequencer takes them,
 * every 100 revisions, thinned as the history contract's retention keeps them: the earliest of each
 * block of 1000 revisions (1–1000, 1001–2000, …) plus the latest 3. Every 1000th revision is named.
 */
final class HistoryTraceLoader {
  static final int BATCH = 1000;
  static final int SNAPSHOT_EVERY = 100;
  static final int BLOCK = 1000;

  private final Vertx vertx;

  HistoryTraceLoader(Vertx vertx) {
    this.vertx = vertx;
  }

  /** What was loaded: the document, its head, the content at the head and the snapshot revisions kept. */
  record Loaded(String docId, long head, String text, List<Long> snapshotRevs) {}

  Loaded load(Trace t) {
    String docId = call(Addresses.STORAGE_DOC_CREATE, new JsonObject().put("ownerId", "user-0").put("title", t.name))
        .getString("id");
    int n = t.transactions();
    OpMeta[] meta = HistorySessionsBenchmark.log(n, new Random(11));
    long lastSnapshot = (n / SNAPSHOT_EVERY) * (long) SNAPSHOT_EVERY;
    Document doc = new Document(DocumentRebuilder.EMPTY_DOCUMENT);
    Map<String, Long> seqs = new HashMap<>();
    List<OpRecord> batch = new ArrayList<>(BATCH);
    List<SnapshotSaveRequest> snapshots = new ArrayList<>();
    List<Long> kept = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Delta delta = null;
      for (int p = t.txnStart[i]; p < t.txnStart[i + 1]; p++) {
        Delta patch = Delta.builder().retain(t.pos[p]).delete(t.deleted[p]).insert(t.inserted[p]).build();
        delta = delta == null ? patch : delta.compose(patch);
      }
      doc.apply(delta);
      long rev = i + 1L;
      String user = meta[i].userId();
      long seq = seqs.merge(user, 1L, Long::sum);
      batch.add(new OpRecord(rev, "client-of-" + user + "-0000", seq, user, meta[i].ts(), DeltaJson.toJson(delta)));
      if (rev % SNAPSHOT_EVERY == 0 && (rev % BLOCK == SNAPSHOT_EVERY || rev > lastSnapshot - 3 * SNAPSHOT_EVERY)) {
        snapshots.add(new SnapshotSaveRequest(docId, rev, DeltaJson.toJson(doc.toDelta())));
        kept.add(rev);
      }
      if (batch.size() == BATCH || rev == n) {
        call(Addresses.STORAGE_OPS_APPEND, new AppendRequest(docId, batch).toJson());
        batch = new ArrayList<>(BATCH);
        for (SnapshotSaveRequest s : snapshots) { // saved once their revision is committed, as the sequencer does
          call(Addresses.STORAGE_SNAPSHOT_SAVE, s.toJson());
        }
        snapshots.clear();
      }
    }
    for (long rev = BLOCK; rev <= n; rev += BLOCK) {
      call(Addresses.STORAGE_VERSION_PUT, new VersionPutRequest(docId, rev, "Version " + rev / BLOCK, "user-0").toJson());
    }
    String text = doc.plainText();
    if (!text.equals(t.endContent + "\n")) {
      throw new IllegalStateException("the replay of " + t.name + " does not give its endContent");
    }
    return new Loaded(docId, n, text, kept);
  }

  JsonObject call(String address, JsonObject body) {
    return await(vertx.eventBus().<JsonObject>request(address, body).map(Message::body));
  }

  static <T> T await(Future<T> f) {
    try {
      return f.toCompletionStage().toCompletableFuture().get(120, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
