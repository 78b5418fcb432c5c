package io.verso.storage;

import io.verso.protocol.comments.Comment;
import io.verso.protocol.comments.CommentThread;
import io.verso.protocol.comments.ThreadAnchor;
import io.vertx.core.Future;
import java.util.List;

/**
 * The comment threads of documents, written only by a document's comment room (edit-service), which
 * enforces {@code CommentLimits} and the roles: storage keeps what it is given. Implementations:
 * {@link PgCommentStore} and {@link MemoryCommentStore}; both pass {@code CommentStoreContract}.
 */
public interface CommentStore {
  /**
   * Every thread of a document in creation order, its comments oldest first (in the order they were
   * added, whatever their ts); a thread left without comments is not listed. NOT_FOUND: no document.
   */
  Future<List<CommentThread>> load(String docId);

  /** Stores a new thread with its comments. NOT_FOUND: no document; DUPLICATE: the thread or a comment id exists in it. */
  Future<Void> createThread(String docId, CommentThread thread);

  /** Adds a comment last in its thread. NOT_FOUND: no such thread; DUPLICATE: the comment id exists in the document. */
  Future<Void> addComment(String docId, String threadId, Comment comment);

  /** Replaces a comment's text and sets its editedTs. NOT_FOUND: no such comment in that thread. */
  Future<Void> editComment(String docId, String threadId, String commentId, String text, long editedTs);

  /** Deletes one comment, never its thread (the caller deletes the thread for its first). NOT_FOUND: no such comment. */
  Future<Void> deleteComment(String docId, String threadId, String commentId);

  /** Deletes a thread and its comments. NOT_FOUND: no such thread. */
  Future<Void> deleteThread(String docId, String threadId);

  /** Resolves a thread (by whom, when) or reopens it (clearing both). NOT_FOUND: no such thread. */
  Future<Void> resolve(String docId, String threadId, boolean resolved, String byUserId, Long ts);

  /**
   * Stores anchors valid at {@code rev} over the threads whose stored anchor is older (an anchor never
   * moves back to an older revision), in one statement; ids of no thread are ignored. Ids are distinct.
   */
  Future<Void> saveAnchors(String docId, long rev, List<ThreadAnchor> anchors);
}
