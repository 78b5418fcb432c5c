package io.verso.history;

import io.verso.delta.Delta;
import io.verso.delta.Op;
import io.verso.delta.Retain;
import io.verso.history.HistoryAccess.Access;
import io.verso.history.wire.DiffRequest;
import io.verso.protocol.DeltaJson;
import io.verso.protocol.storage.OpRecord;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * {@code verso.history.diff}: the change from revision {@code from} to {@code to} as one delta whose
 * inserts and deletes name their author. Reads the content at {@code from} ({@link Revisions}) and
 * the ops between (at most {@link DiffRequest#MAX_SPAN}) at once, then computes on a worker.
 */
final class Diffs {
  private final Vertx vertx;
  private final Revisions revisions;

  Diffs(Vertx vertx, Revisions revisions) {
    this.vertx = vertx;
    this.revisions = revisions;
  }

  Future<JsonObject> diff(Access access, DiffRequest req) {
    access.requireRev(req.to());
    Future<Delta> from = revisions.content(access.docId(), req.from());
    Future<List<OpRecord>> ops = revisions.ops(access.docId(), req.from(), req.to());
    return Future.all(from, ops).compose(both -> vertx.executeBlocking(() ->
        new JsonObject().put("from", req.from()).put("to", req.to()).put("ops", changes(from.result(), ops.result())),
        false));
  }

  /**
   * The delta from {@code content} through every op, each op of it with {@code "author"} where one
   * user made it.
   */
  static JsonArray changes(Delta content, List<OpRecord> ops) {
    Delta to = content;
    String only = ops.isEmpty() ? null : ops.get(0).userId();
    for (OpRecord op : ops) {
      to = to.compose(DeltaJson.fromJson(op.ops()));
      if (only != null && !only.equals(op.userId())) {
        only = null;
      }
    }
    JsonArray out = new JsonArray();
    for (Op op : content.diff(to).ops()) {
      out.add(json(op, op instanceof Retain && op.attributes() == null ? null : only));
    }
    return out;
  }

  private static JsonObject json(Op op, String author) {
    JsonObject o = DeltaJson.toJson(Delta.of(op)).getJsonObject(0);
    return author == null ? o : o.put("author", author);
  }
}
