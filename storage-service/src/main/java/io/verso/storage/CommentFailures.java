package io.verso.storage;

import io.verso.protocol.ErrorCode;
import io.verso.protocol.VersoException;

/** The failures of comment storage, shared by every {@link CommentStore}. */
final class CommentFailures {
  private CommentFailures() {}

  static VersoException noThread(String docId, String threadId) {
    return new VersoException(ErrorCode.NOT_FOUND, "no thread " + threadId + " in " + docId);
  }

  static VersoException noComment(String docId, String threadId, String commentId) {
    return new VersoException(ErrorCode.NOT_FOUND, "no comment " + commentId + " in thread " + threadId + " of " + docId);
  }

  static VersoException threadExists(String docId, String threadId) {
    return new VersoException(ErrorCode.DUPLICATE, "thread " + threadId + " exists in " + docId);
  }

  /** A new thread brought a comment id its document has (which one PostgreSQL does not say). */
  static VersoException threadCommentExists(String docId, String threadId) {
    return new VersoException(ErrorCode.DUPLICATE, "a comment id of thread " + threadId + " exists in " + docId);
  }

  static VersoException commentExists(String docId, String commentId) {
    return new VersoException(ErrorCode.DUPLICATE, "comment " + commentId + " exists in " + docId);
  }
}
