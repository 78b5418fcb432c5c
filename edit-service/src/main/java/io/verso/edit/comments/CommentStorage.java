package io.verso.edit.comments;

import io.verso.protocol.comments.Comment;
import io.verso.protocol.comments.CommentThread;
import io.vertx.core.Future;
import java.util.Collection;
import java.util.List;

/**
 * What a comment room needs from durable storage; the real one is storage-service's
 * {@code verso.storage.comments.*} behind the event bus ({@link EventBusCommentStorage}). Every
 * write is acknowledged after its commit.
 */
public interface CommentStorage {
  Future<List<CommentThread>> load(String docId);

  Future<Void> createThread(String docId, CommentThread thread);

  Future<Void> addComment(String docId, String threadId, Comment comment);

  Future<Void> editComment(String docId, String threadId, String commentId, String text, long editedTs);

  Future<Void> deleteComment(String docId, String threadId, String commentId);

  Future<Void> deleteThread(String docId, String threadId);

  Future<Void> resolve(String docId, String threadId, boolean resolved, String byUserId, long ts);

  /** Stores the anchors of {@code threads} as of revision {@code rev} (never moving one back). */
  Future<Void> saveAnchors(String docId, long rev, Collection<CommentThread> threads);
}
