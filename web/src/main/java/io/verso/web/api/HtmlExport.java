package io.verso.web.api;

import io.verso.delta.Delta;
import io.verso.protocol.DeltaJson;
import io.verso.protocol.ErrorCode;
import io.verso.protocol.Fields;
import io.verso.protocol.comments.CommentAction;
import io.verso.protocol.comments.CommentThread;
import io.verso.protocol.doc.DocAction;
import io.verso.runtime.DocLog;
import io.verso.runtime.Failures;
import io.verso.web.auth.Identity;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTML export with the document's open comment threads (docs/comments.md, "Export"): their
 * ranges marked in the text ({@link CommentMarks}) and a Comments section at the end
 * ({@link CommentsSection}).
 *
 * <p>Marks are only right when the content and the anchors are of one revision. The documents
 * service's content ({@code verso.docs.content}) does not say its revision, so the content is read
 * through the document's {@code open} ({@code rev} and the committed content) and the threads through
 * {@code comments} ({@code rev} and anchors valid at it), both as the user with their role
 * ({@link DocumentAsUser}: 404 for a non-member; any member may read both). The comment room moves its
 * anchors when a committed op reaches it, a moment after the sequencer committed it, so while someone
 * types the two can differ: the pair is read again, {@value #READS} reads in all, and if they still
 * differ the threads are listed without marks (their ranges would point into other text) and the
 * section says so.
 *
 * <p>When the document cannot be reached (no edit-service, the document moving, the comment room's
 * storage down: UNAVAILABLE) the export is still made, from the committed content the documents
 * service rebuilds (the export of Markdown and text), with a note that the comments could not be read.
 */
final class HtmlExport {
  private static final Logger LOG = LoggerFactory.getLogger(HtmlExport.class);
  static final int READS = 3;
  static final String MOVED = "The document changed while it was exported: its comments are listed here but not marked in the text.";
  static final String UNREAD = "The comments could not be read when this document was exported.";

  /** What is exported: content (delta JSON), threads, whether their ranges may be marked, the section's note (or null). */
  record Read(String title, JsonArray content, List<CommentThread> threads, boolean marked, String note) {
    Read withContent(JsonArray other) {
      return new Read(title, other, threads, marked, note);
    }
  }

  private final Vertx vertx;
  private final DocumentAsUser documents;

  HtmlExport(Vertx vertx) {
    this.vertx = vertx;
    this.documents = new DocumentAsUser(vertx);
  }

  /** The document and its threads for {@code who}; {@code committed} reads the content without comments. */
  Future<Read> read(String docId, Identity who, Supplier<Future<JsonObject>> committed) {
    return documents.headers(docId, who).compose(headers -> read(docId, headers, 1).recover(err -> {
      if (Failures.codeOf(err) != ErrorCode.UNAVAILABLE) {
        return Future.failedFuture(err);
      }
      DocLog.with(docId, who.userId(), () -> LOG.warn("Export of {} without comments: {}", docId,
          Failures.messageOf(err)));
      return committed.get().map(c -> new Read(c.getString("title"), c.getJsonArray("content"), List.of(), false, UNREAD));
    }));
  }

  private Future<Read> read(String docId, DeliveryOptions headers, int n) {
    Future<JsonObject> open = documents.request(docId, new JsonObject().put("action", DocAction.OPEN), headers);
    Future<JsonObject> list = documents.request(docId, new JsonObject().put("action", CommentAction.LIST), headers);
    return Future.all(open, list).compose(both -> {
      long contentRev = Fields.integer(open.result(), "rev", 0, Long.MAX_VALUE);
      boolean sameRev = contentRev == Fields.integer(list.result(), "rev", 0, Long.MAX_VALUE);
      if (!sameRev && n < READS) {
        return vertx.timer(20L * n).compose(v -> read(docId, headers, n + 1));
      }
      return Future.succeededFuture(new Read(open.result().getString("title"), open.result().getJsonArray("content"),
          CommentThread.listFromJson(list.result()), sameRev, sameRev ? null : MOVED));
    });
  }

  /** The HTML of {@code read}: CPU work proportional to the document, for a worker. */
  static String render(Read read) {
    Delta content = DeltaJson.fromJson(read.content());
    List<CommentThread> numbered = CommentsSection.numbered(read.threads());
    Delta marked = read.marked() ? CommentMarks.mark(content, numbered) : content;
    return DocExport.html(marked, read.title(), CommentsSection.html(numbered, read.note()));
  }
}
