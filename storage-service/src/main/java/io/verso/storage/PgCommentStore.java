package io.verso.storage;

import io.verso.protocol.comments.Comment;
import io.verso.protocol.comments.CommentThread;
import io.verso.protocol.comments.ThreadAnchor;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/** Comment threads on PostgreSQL (tables of V8): every call one auto-committed statement, load two when empty. */
final class PgCommentStore implements CommentStore {
  private final Db db;

  PgCommentStore(Db db) {
    this.db = db;
  }

  @Override
  public Future<List<CommentThread>> load(String docId) {
    return db.run(c -> c.preparedQuery(Sql.LOAD_COMMENTS).execute(Tuple.of(docId)).compose(rows -> rows.size() > 0
        ? Future.succeededFuture(threads(rows))
        : c.preparedQuery(Sql.DOC_EXISTS).execute(Tuple.of(docId)).compose(doc -> doc.size() == 0
            ? Future.failedFuture(AppendFailures.noDocument(docId))
            : Future.succeededFuture(List.<CommentThread>of()))));
  }

  /** Rows of one thread are adjacent (ordered by the thread's position): a new thread id starts a thread. */
  private static List<CommentThread> threads(RowSet<Row> rows) {
    List<CommentThread> threads = new ArrayList<>();
    CommentThread head = null;
    List<Comment> comments = new ArrayList<>();
    for (Row r : rows) {
      if (head == null || !head.id().equals(r.getString(0))) {
        if (head != null) {
          threads.add(head.withComments(comments));
          comments = new ArrayList<>();
        }
        head = new CommentThread(r.getString(0), r.getLong(1), r.getInteger(2), r.getInteger(3), r.getBoolean(4),
            r.getBoolean(5), r.getString(6), r.getLong(7), List.of());
      }
      comments.add(new Comment(r.getString(8), r.getString(9), r.getString(10), r.getString(11), r.getLong(12),
          r.getLong(13)));
    }
    threads.add(head.withComments(comments));
    return threads;
  }

  @Override
  public Future<Void> createThread(String docId, CommentThread t) {
    int n = t.comments().size();
    String[] ids = new String[n];
    String[] users = new String[n];
    String[] names = new String[n];
    String[] texts = new String[n];
    Long[] ts = new Long[n];
    Long[] edited = new Long[n];
    for (int i = 0; i < n; i++) {
      Comment c = t.comments().get(i);
      ids[i] = c.id();
      users[i] = c.userId();
      names[i] = c.name();
      texts[i] = c.text();
      ts[i] = c.ts();
      edited[i] = c.editedTs();
    }
    Tuple args = Tuple.of(docId, t.id(), t.index(), t.length(), t.detached(), t.rev(), t.resolved(),
        t.resolved() ? t.resolvedBy() : null, t.resolved() ? t.resolvedTs() : null, ids, users, names, texts, ts, edited);
    return db.run(c -> c.preparedQuery(Sql.CREATE_THREAD).execute(args)).<Void>mapEmpty().recover(e -> fail(e,
        () -> "comment_threads_pkey".equals(Db.constraint(e)) ? CommentFailures.threadExists(docId, t.id())
            : CommentFailures.threadCommentExists(docId, t.id()),
        () -> AppendFailures.noDocument(docId)));
  }

  @Override
  public Future<Void> addComment(String docId, String threadId, Comment c) {
    return db.run(sql -> sql.preparedQuery(Sql.ADD_COMMENT)
            .execute(Tuple.of(docId, threadId, c.id(), c.userId(), c.name(), c.text(), c.ts(), c.editedTs())))
        .<Void>mapEmpty().recover(e -> fail(e, () -> CommentFailures.commentExists(docId, c.id()),
            () -> CommentFailures.noThread(docId, threadId)));
  }

  @Override
  public Future<Void> editComment(String docId, String threadId, String commentId, String text, long editedTs) {
    return one(Sql.EDIT_COMMENT, Tuple.of(docId, threadId, commentId, text, editedTs),
        () -> CommentFailures.noComment(docId, threadId, commentId));
  }

  @Override
  public Future<Void> deleteComment(String docId, String threadId, String commentId) {
    return one(Sql.DELETE_COMMENT, Tuple.of(docId, threadId, commentId),
        () -> CommentFailures.noComment(docId, threadId, commentId));
  }

  @Override
  public Future<Void> deleteThread(String docId, String threadId) {
    return one(Sql.DELETE_THREAD, Tuple.of(docId, threadId), () -> CommentFailures.noThread(docId, threadId));
  }

  @Override
  public Future<Void> resolve(String docId, String threadId, boolean resolved, String byUserId, Long ts) {
    return one(Sql.RESOLVE_THREAD, Tuple.of(docId, threadId, resolved, resolved ? byUserId : null, resolved ? ts : null),
        () -> CommentFailures.noThread(docId, threadId));
  }

  @Override
  public Future<Void> saveAnchors(String docId, long rev, List<ThreadAnchor> anchors) {
    int n = anchors.size();
    String[] ids = new String[n];
    Integer[] indexes = new Integer[n];
    Integer[] lengths = new Integer[n];
    Boolean[] detached = new Boolean[n];
    for (int i = 0; i < n; i++) {
      ThreadAnchor a = anchors.get(i);
      ids[i] = a.id();
      indexes[i] = a.index();
      lengths[i] = a.length();
      detached[i] = a.detached();
    }
    return n == 0 ? Future.succeededFuture()
        : db.run(c -> c.preparedQuery(Sql.SAVE_ANCHORS).execute(Tuple.of(docId, rev, ids, indexes, lengths, detached)))
            .mapEmpty();
  }

  /** Runs a statement that must touch one row; {@code missing} when it touched none. */
  private Future<Void> one(String sql, Tuple args, Supplier<RuntimeException> missing) {
    return db.run(c -> c.preparedQuery(sql).execute(args)).compose(rs -> rs.rowCount() == 0
        ? Future.failedFuture(missing.get()) : Future.succeededFuture());
  }

  /** A unique violation as {@code duplicate}, a foreign key violation as {@code missing}, anything else as it is. */
  private static Future<Void> fail(Throwable e, Supplier<RuntimeException> duplicate, Supplier<RuntimeException> missing) {
    if (Db.isUniqueViolation(e)) {
      return Future.failedFuture(duplicate.get());
    }
    return Future.failedFuture("23503".equals(Db.sqlState(e)) ? missing.get() : e);
  }
}
