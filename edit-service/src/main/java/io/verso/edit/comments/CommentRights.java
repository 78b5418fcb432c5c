package io.verso.edit.comments;

import io.verso.protocol.ErrorCode;
import io.verso.protocol.Role;
import io.verso.protocol.comments.Comment;
import io.verso.protocol.comments.CommentThread;

/**
 * Actor may do what with comments (docs/comments.md "Roles"), as in Google Docs: every member reads;
 * commenters and better comment and reply; editors and owners resolve and reopen any thread,
 * commenters the threads they opened; only its author edits a comment; its author or an owner
 * deletes it. Each check is FORBIDDEN when it fails.
 */
final class CommentRights {
  private CommentRights() {}

  static void read(Actor who) {
    Role.require(who.role(), Role.VIEWER);
  }

  static void comment(Actor who) {
    Role.require(who.role(), Role.COMMENTER);
  }

  static void resolve(Actor who, CommentThread thread) {
    comment(who);
    if (!who.role().atLeast(Role.EDITOR) && !thread.openedBy().equals(who.userId())) {
      throw ErrorCode.FORBIDDEN.exception("a commenter resolves or reopens only the threads they opened");
    }
  }

  static void edit(Actor who, Comment comment) {
    comment(who);
    if (!comment.userId().equals(who.userId())) {
      throw ErrorCode.FORBIDDEN.exception("only its author edits a comment");
    }
  }

  /** Deleting a comment, or a whole thread through its first comment. */
  static void delete(Actor who, Comment comment) {
    comment(who);
    if (who.role() != Role.OWNER && !comment.userId().equals(who.userId())) {
      throw ErrorCode.FORBIDDEN.exception("only its author or an owner deletes a comment");
    }
  }
}
