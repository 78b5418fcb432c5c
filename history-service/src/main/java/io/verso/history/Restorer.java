package io.verso.history;

import io.verso.delta.Delta;
import io.verso.history.HistoryAccess.Access;
import io.verso.protocol.DeltaJson;
import io.verso.protocol.ErrorCode;
import io.verso.protocol.Fields;
import io.verso.protocol.doc.DocAction;
import io.verso.protocol.doc.RestoreIds;
import io.verso.protocol.doc.SubmitRequest;
import io.verso.runtime.DocumentClient;
import io.verso.runtime.Failures;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

/**
 * {@code verso.history.restore}: makes revision {@code rev}'s content the document's content as a
 * NEW revision, never rewriting the log. The sequencer's head (an {@code open} as the acting user)
 * is diffed against the content at {@code rev}, and the diff is submitted like any edit of that
 * user: sequenced, transformed over ops committed meanwhile, published live, undoable in history.
 *
 * <p>Exactly once: each restore submits under a fresh client id (the sequencer binds a client id to
 * the user who first used it), seq 1, that says which revision it restored ({@link RestoreIds}: history
 * shows the op as a restore, an entry of its own; only this service may submit under it); a timeout or an unavailable sequencer is answered by sending
 * the same (clientId, seq) again, which the sequencer answers with the revision it already gave.
 */
final class Restorer {
  static final int ATTEMPTS = 3;

  private final Vertx vertx;
  private final Revisions revisions;
  private final DocumentClient documents;
  private final long timeoutMs;

  Restorer(Vertx vertx, Revisions revisions, DocumentClient documents, long timeoutMs) {
    this.vertx = vertx;
    this.revisions = revisions;
    this.documents = documents;
    this.timeoutMs = timeoutMs;
  }

  Future<JsonObject> restore(Access access, long rev) {
    access.requireRev(rev);
    Future<Delta> target = revisions.content(access.docId(), rev);
    Future<JsonObject> head = request(access, new JsonObject().put("action", DocAction.OPEN));
    return Future.all(target, head).compose(both -> {
      long headRev = Fields.integer(head.result(), "rev", 0, Long.MAX_VALUE);
      return vertx.executeBlocking(() -> change(DeltaJson.fromJson(Fields.array(head.result(), "content")), target.result()), false)
          .compose(change -> {
            if (change.size() == 0) {
              return Future.succeededFuture(new JsonObject().put("rev", headRev).put("unchanged", true));
            }
            SubmitRequest submit = new SubmitRequest(RestoreIds.clientId(rev), 1, headRev, DeltaJson.toJson(change));
            return submit(access, submit.toJson(), 1).map(reply -> new JsonObject()
                .put("rev", Fields.integer(reply, "rev", 1, Long.MAX_VALUE)));
          });
    });
  }

  /**
   * The change from {@code head} to {@code target}, two documents ending in a newline, that keeps
   * the final newline: a plain diff may delete it (from "\n\n" to "\n" it keeps the first one),
   * which the sequencer refuses. So the text before the final newline is diffed on its own, and the
   * final newline only changes its line format.
   */
  static Delta change(Delta head, Delta target) {
    int h = head.length() - 1;
    int t = target.length() - 1;
    Delta body = head.slice(0, h).diff(target.slice(0, t));
    Delta rest = Delta.builder().retain(h - body.baseLength()).build();
    return body.concat(rest).concat(head.slice(h).diff(target.slice(t))).chop();
  }

  /** Sends the same submit again while the answer is lost (UNAVAILABLE covers timeouts): at most once applied. */
  private Future<JsonObject> submit(Access access, JsonObject body, int attempt) {
    return request(access, body).recover(err -> attempt < ATTEMPTS && Failures.codeOf(err) == ErrorCode.UNAVAILABLE
        ? vertx.timer(200L * attempt).compose(t -> submit(access, body, attempt + 1))
        : Future.failedFuture(err));
  }

  private Future<JsonObject> request(Access access, JsonObject body) {
    return documents.request(access.docId(), body, access.stamped(timeoutMs)).map(m -> Fields.body(m.body()));
  }
}
