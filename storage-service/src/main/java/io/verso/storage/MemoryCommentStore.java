package io.verso.storage;

import io.verso.protocol.comments.Comment;
import io.verso.protocol.comments.CommentThread;
import io.verso.protocol.comments.ThreadAnchor;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Comment threads in memory for the documents of a {@link MemoryOpLog}, with the same semantics as
 * {@link PgCommentStore} (passes the same contract suite), for fast tests. Threads are immutable
 * records replaced on each change; insertion order is a linked map's. Lock order: the log's, then this.
 */
public final class MemoryCommentStore implements CommentStore {
  private final MemoryOpLog log;
  private final Map<String, LinkedHashMap<String, CommentThread>> docs = new HashMap<>();

  public MemoryCommentStore(MemoryOpLog log) {
    this.log = log;
  }

  @Override
  public Future<List<CommentThread>> load(String docId) {
    return log.read(docId, (ops, snaps) -> {
      if (ops == null) {
        return Future.failedFuture(AppendFailures.noDocument(docId));
      }
      synchronized (this) {
        return Future.succeededFuture(threads(docId).values().stream().filter(t -> !t.comments().isEmpty()).toList());
      }
    });
  }

  @Override
  public Future<Void> createThread(String docId, CommentThread thread) {
    return log.read(docId, (ops, snaps) -> {
      if (ops == null) {
        return Future.failedFuture(AppendFailures.noDocument(docId));
      }
      synchronized (this) {
        LinkedHashMap<String, CommentThread> threads = threads(docId);
        if (threads.containsKey(thread.id())) {
          return Future.failedFuture(CommentFailures.threadExists(docId, thread.id()));
        }
        Set<String> ids = new HashSet<>();
        for (Comment c : thread.comments()) {
          if (!ids.add(c.id()) || taken(threads, c.id())) {
            return Future.failedFuture(CommentFailures.threadCommentExists(docId, thread.id()));
          }
        }
        threads.put(thread.id(), thread.resolved() ? thread : thread.withResolved(false, null, null));
        return Future.succeededFuture();
      }
    });
  }

  @Override
  public synchronized Future<Void> addComment(String docId, String threadId, Comment comment) {
    LinkedHashMap<String, CommentThread> threads = threads(docId);
    CommentThread t = threads.get(threadId);
    if (t == null) {
      return Future.failedFuture(CommentFailures.noThread(docId, threadId));
    }
    if (taken(threads, comment.id())) {
      return Future.failedFuture(CommentFailures.commentExists(docId, comment.id()));
    }
    List<Comment> list = new ArrayList<>(t.comments());
    list.add(comment);
    threads.put(threadId, t.withComments(list));
    return Future.succeededFuture();
  }

  @Override
  public synchronized Future<Void> editComment(String docId, String threadId, String commentId, String text,
      long editedTs) {
    CommentThread t = threads(docId).get(threadId);
    Comment c = t == null ? null : t.comment(commentId);
    if (c == null) {
      return Future.failedFuture(CommentFailures.noComment(docId, threadId, commentId));
    }
    threads(docId).put(threadId, t.withComments(t.comments().stream()
        .map(x -> x == c ? c.withText(text, editedTs) : x).toList()));
    return Future.succeededFuture();
  }

  @Override
  public synchronized Future<Void> deleteComment(String docId, String threadId, String commentId) {
    CommentThread t = threads(docId).get(threadId);
    Comment c = t == null ? null : t.comment(commentId);
    if (c == null) {
      return Future.failedFuture(CommentFailures.noComment(docId, threadId, commentId));
    }
    threads(docId).put(threadId, t.withComments(t.comments().stream().filter(x -> x != c).toList()));
    return Future.succeededFuture();
  }

  @Override
  public synchronized Future<Void> deleteThread(String docId, String threadId) {
    return threads(docId).remove(threadId) == null ? Future.failedFuture(CommentFailures.noThread(docId, threadId))
        : Future.succeededFuture();
  }

  @Override
  public synchronized Future<Void> resolve(String docId, String threadId, boolean resolved, String byUserId, Long ts) {
    CommentThread t = threads(docId).get(threadId);
    if (t == null) {
      return Future.failedFuture(CommentFailures.noThread(docId, threadId));
    }
    threads(docId).put(threadId, t.withResolved(resolved, byUserId, ts));
    return Future.succeededFuture();
  }

  @Override
  public synchronized Future<Void> saveAnchors(String docId, long rev, List<ThreadAnchor> anchors) {
    LinkedHashMap<String, CommentThread> threads = threads(docId);
    for (ThreadAnchor a : anchors) {
      CommentThread t = threads.get(a.id());
      if (t != null && t.rev() < rev) {
        threads.put(a.id(), t.withAnchor(rev, a.index(), a.length(), a.detached()));
      }
    }
    return Future.succeededFuture();
  }

  private LinkedHashMap<String, CommentThread> threads(String docId) {
    return docs.computeIfAbsent(docId, k -> new LinkedHashMap<>());
  }

  /** Whether a comment id is taken in a document (ids are unique per document, as PostgreSQL's key). */
  private static boolean taken(Map<String, CommentThread> threads, String commentId) {
    return threads.values().stream().anyMatch(t -> t.comment(commentId) != null);
  }
}
