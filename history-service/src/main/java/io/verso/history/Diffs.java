package io.verso.history;

import io.verso.delta.AuthoredDiff;
import io.verso.delta.Delta;
import io.verso.delta.Op;
import io.verso.history.HistoryAccess.Access;
import io.verso.history.wire.DiffRequest;
import io.verso.protocol.DeltaJson;
import io.verso.protocol.storage.OpRecord;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code verso.history.diff}: the change from revision {@code from} to {@code to} as one delta whose
 * inserts and deletes name their author ({@link AuthoredDiff}). Reads the content at {@code from} ({@link Revisions}) and
 * the ops between (at most {@link DiffRequest#MAX_SPAN}) at once, then computes on a worker.
 */
final class Diffs {
  private final Vertx vertx;
  private final Revisions revisions;
  private final int maxReads;

  /** @param maxBytes the most op JSON a diff holds at once ({@code history.maxDiffBytes}); beyond it TOO_LARGE */
  Diffs(Vertx vertx, Revisions revisions, long maxBytes) {
    this.vertx = vertx;
    this.revisions = revisions;
    this.maxReads = (int) Math.max(1, maxBytes / HistoryStore.RANGE_BYTES);
  }

  Future<JsonObject> diff(Access access, DiffRequest req) {
    access.requireRev(req.to());
    Future<Delta> from = revisions.content(access.docId(), req.from());
    Future<List<OpRecord>> ops = revisions.ops(access.docId(), req.from(), req.to(), maxReads);
    return Future.all(from, ops).compose(both -> vertx.executeBlocking(() ->
        new JsonObject().put("from", req.from()).put("to", req.to()).put("ops", changes(from.result(), ops.result())),
        false));
  }

  /**
   * The changes from {@code content} through every op ({@link AuthoredDiff}): inserts carry who
   * inserted, deletes who deleted, retains with attributes who formatted (when one user did).
   */
  static JsonArray changes(Delta content, List<OpRecord> ops) {
    List<AuthoredDiff.Authored> authored = new ArrayList<>(ops.size());
    for (OpRecord op : ops) {
      authored.add(new AuthoredDiff.Authored(DeltaJson.fromJson(op.ops()), op.userId()));
    }
    JsonArray out = new JsonArray();
    for (AuthoredDiff.Change change : AuthoredDiff.between(content, authored)) {
      out.add(json(change.op(), change.author()));
    }
    return out;
  }

  private static JsonObject json(Op op, String author) {
    JsonObject o = DeltaJson.toJson(Delta.of(op)).getJsonObject(0);
    return author == null ? o : o.put("author", author);
  }
}
