package io.verso.protocol.comments;

/**
 * The comment actions a document address ({@code doc.<docId>}) answers, field {@code action}, and
 * the events they publish on {@code doc.<docId>.events}. Sent by the web tier's HTTP adapter with
 * the user's id, role and display name stamped in headers; the bridges never pass them from a socket.
 */
public final class CommentAction {
  private CommentAction() {}

  /** {@code {}} → {@code {rev, threads}}: every thread, anchors valid at {@code rev} (any member). */
  public static final String LIST = "comments";
  /** {@code {rev, index, length, text, id?}} → the thread (commenter or better). */
  public static final String CREATE = "comment.create";
  /** {@code {threadId, text, id?}} → the thread (commenter or better). */
  public static final String REPLY = "comment.reply";
  /** {@code {threadId, resolved}} → the thread (editors any thread, commenters their own). */
  public static final String RESOLVE = "comment.resolve";
  /** {@code {threadId, commentId, text}} → the thread (the comment's author). */
  public static final String EDIT = "comment.edit";
  /** {@code {threadId, commentId}} → {@code {deleted:"thread"|"comment"}} (the author, or an owner). */
  public static final String DELETE = "comment.delete";

  /** Event {@code type} of every comment change, ordered with the document's ops. */
  public static final String EVENT_TYPE = "comment";

  public static boolean isCommentAction(Object action) {
    return LIST.equals(action) || CREATE.equals(action) || REPLY.equals(action) || RESOLVE.equals(action)
        || EDIT.equals(action) || DELETE.equals(action);
  }
}
