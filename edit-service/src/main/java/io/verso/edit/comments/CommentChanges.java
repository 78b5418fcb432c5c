package io.verso.edit.comments;

import io.verso.delta.Anchor;
import io.verso.delta.Delta;
import io.verso.edit.RateLimiter;
import io.verso.edit.comments.CommentRoom.Outcome;
import io.verso.protocol.ErrorCode;
import io.verso.protocol.Fields;
import io.verso.protocol.comments.Comment;
import io.verso.protocol.comments.CommentAction;
import io.verso.protocol.comments.CommentLimits;
import io.verso.protocol.comments.CommentThread;
import io.verso.protocol.doc.OpEvent;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Each comment action of a {@link CommentRoom}: parsed and checked when it arrives (fields, role,
 * rate), then — when the room gets to it — checked against the threads (they exist, the limits,
 * who may change them), written to storage, and only then changed in memory. Every refusal changes
 * nothing: 400 malformed, 403 role, 404 no such thread or comment, 409/410 anchor revision, 413 a
 * limit, 422 text or range that cannot be taken as sent, 429 too many changes.
 */
final class CommentChanges {
  /** How far behind the head a new thread's anchor may be given (its ops are read to move it). */
  static final long MAX_ANCHOR_LAG = 10_000;

  private final String docId;
  private final CommentStorage store;
  private final Threads threads;
  private final BiFunction<Long, Consumer<OpEvent>, Future<Void>> opsSince;
  private final RateLimiter limiter;

  CommentChanges(String docId, CommentStorage store, Threads threads,
      BiFunction<Long, Consumer<OpEvent>, Future<Void>> opsSince, double perSecond, int burst) {
    this.docId = docId;
    this.store = store;
    this.threads = threads;
    this.opsSince = opsSince;
    this.limiter = new RateLimiter(perSecond, burst);
  }

  void maintain(long nowNanos) {
    limiter.prune(nowNanos);
  }

  /** The work of one request, checked as far as it can be before the room's turn (throws when refused). */
  Supplier<Future<Outcome>> prepare(String action, JsonObject body, Actor who, LongSupplier rev, IntSupplier length,
      Supplier<JsonObject> list) {
    if (CommentAction.LIST.equals(action)) {
      CommentRights.read(who);
      return () -> Future.succeededFuture(Outcome.read(list));
    }
    CommentRights.comment(who);
    if (!CommentAction.isCommentAction(action)) {
      throw ErrorCode.BAD_REQUEST.exception("unknown action '" + action + "'");
    }
    if (who.name() == null || who.name().isEmpty()) {
      throw ErrorCode.BAD_REQUEST.exception("no display name for the comment's author");
    }
    Supplier<Future<Outcome>> work = switch (action) {
      case CommentAction.CREATE -> create(body, who, rev, length);
      case CommentAction.REPLY -> reply(body, who);
      case CommentAction.RESOLVE -> resolve(body, who);
      case CommentAction.EDIT -> edit(body, who);
      default -> delete(body, who);
    };
    if (!limiter.tryAcquire(who.userId(), System.nanoTime())) {
      throw ErrorCode.RATE_LIMITED.exception("too many comment changes: slow down");
    }
    return work;
  }

  // ---------------------------------------------------------------- actions

  private Supplier<Future<Outcome>> create(JsonObject body, Actor who, LongSupplier rev, IntSupplier length) {
    long at = Fields.integer(body, "rev", 0, Long.MAX_VALUE / 2);
    int index = (int) Fields.integer(body, "index", 0, Integer.MAX_VALUE);
    int len = (int) Fields.integer(body, "length", 0, Integer.MAX_VALUE);
    String text = CommentLimits.text(body, "text");
    String id = body.getValue("id") == null ? null : CommentLimits.id(body, "id");
    if (len == 0) {
      throw ErrorCode.INVALID_OP.exception("a comment needs some text to anchor to (length 0)");
    }
    return () -> {
      CommentThread existing = id == null ? null : threads.get(id);
      if (existing != null) {
        return again(existing, existing.comments().get(0), who);
      }
      requireRoomFor(text);
      if (threads.size() >= CommentLimits.MAX_THREADS) {
        throw ErrorCode.TOO_LARGE.exception("a document holds at most " + CommentLimits.MAX_THREADS + " threads");
      }
      long head = rev.getAsLong();
      if (at > head) {
        throw ErrorCode.REV_AHEAD.exception("rev " + at + " is ahead of the document (" + head + ")");
      }
      if (head - at > MAX_ANCHOR_LAG) {
        throw ErrorCode.RESYNC_REQUIRED.exception("rev " + at + " is more than " + MAX_ANCHOR_LAG + " revisions old: reload");
      }
      return anchorAtHead(at, index, len, length.getAsInt()).compose(a -> {
        long now = System.currentTimeMillis();
        Comment first = new Comment(Threads.newId(), who.userId(), who.name(), text, now, null);
        CommentThread t = new CommentThread(id == null ? Threads.newId() : id, head, a.index(), a.length(),
            a.detached(), false, null, null, List.of(first));
        return store.createThread(docId, t).map(v -> {
          threads.put(t);
          return changed("created", who, t.id(), true);
        });
      });
    };
  }

  /**
   * The range given at revision {@code at} moved to the head: checked against the document at
   * {@code at} (its length: the head's less what the ops since added), then moved through them.
   */
  private Future<Anchor> anchorAtHead(long at, int index, int len, int headLength) {
    List<Delta> since = new ArrayList<>();
    return opsSince.apply(at, e -> since.add(CommentRoom.delta(e))).map(v -> {
      int lengthAt = headLength;
      for (Delta op : since) {
        lengthAt -= op.changeLength();
      }
      Anchor a;
      try {
        a = Anchor.of(index, len, lengthAt);
      } catch (IllegalArgumentException outside) {
        throw ErrorCode.INVALID_OP.exception("the range " + index + "+" + len + " is outside the document at rev "
            + at + " (" + lengthAt + " long)");
      }
      for (Delta op : since) {
        a = a.transform(op);
      }
      return a;
    });
  }

  private Supplier<Future<Outcome>> reply(JsonObject body, Actor who) {
    String threadId = CommentLimits.id(body, "threadId");
    String text = CommentLimits.text(body, "text");
    String id = body.getValue("id") == null ? null : CommentLimits.id(body, "id");
    return () -> {
      CommentThread t = thread(threadId);
      Comment existing = id == null ? null : t.comment(id);
      if (existing != null) {
        return again(t, existing, who);
      }
      if (id != null && anyComment(id)) {
        throw ErrorCode.FORBIDDEN.exception("comment id " + id + " is taken");
      }
      if (t.comments().size() >= CommentLimits.MAX_COMMENTS_PER_THREAD) {
        throw ErrorCode.TOO_LARGE.exception("a thread holds at most " + CommentLimits.MAX_COMMENTS_PER_THREAD + " comments");
      }
      requireRoomFor(text);
      Comment c = new Comment(id == null ? Threads.newId() : id, who.userId(), who.name(), text,
          System.currentTimeMillis(), null);
      return store.addComment(docId, threadId, c).map(v -> {
        List<Comment> list = new ArrayList<>(t.comments());
        list.add(c);
        threads.put(threads.get(threadId).withComments(list));
        return changed("replied", who, threadId, true);
      });
    };
  }

  private Supplier<Future<Outcome>> resolve(JsonObject body, Actor who) {
    String threadId = CommentLimits.id(body, "threadId");
    if (!(body.getValue("resolved") instanceof Boolean resolved)) {
      throw Fields.bad("resolved must be true or false");
    }
    return () -> {
      CommentThread t = thread(threadId);
      CommentRights.resolve(who, t);
      if (t.resolved() == resolved) {
        return unchanged(threadId);
      }
      long now = System.currentTimeMillis();
      return store.resolve(docId, threadId, resolved, who.userId(), now).map(v -> {
        threads.put(threads.get(threadId).withResolved(resolved, who.userId(), now));
        return changed(resolved ? "resolved" : "reopened", who, threadId, false);
      });
    };
  }

  private Supplier<Future<Outcome>> edit(JsonObject body, Actor who) {
    String threadId = CommentLimits.id(body, "threadId");
    String commentId = CommentLimits.id(body, "commentId");
    String text = CommentLimits.text(body, "text");
    return () -> {
      CommentThread t = thread(threadId);
      Comment c = comment(t, commentId);
      CommentRights.edit(who, c);
      if (c.text().equals(text)) {
        return unchanged(threadId);
      }
      requireRoomFor(text, CommentLimits.bytes(c.text()));
      long now = System.currentTimeMillis();
      return store.editComment(docId, threadId, commentId, text, now).map(v -> {
        List<Comment> list = new ArrayList<>(threads.get(threadId).comments());
        list.replaceAll(x -> x.id().equals(commentId) ? x.withText(text, now) : x);
        threads.put(threads.get(threadId).withComments(list));
        return changed("edited", who, threadId, false);
      });
    };
  }

  /** Without {@code commentId}, or with the thread's first comment: the whole thread. */
  private Supplier<Future<Outcome>> delete(JsonObject body, Actor who) {
    String threadId = CommentLimits.id(body, "threadId");
    String commentId = body.getValue("commentId") == null ? null : CommentLimits.id(body, "commentId");
    return () -> {
      CommentThread t = thread(threadId);
      Comment c = commentId == null ? t.comments().get(0) : comment(t, commentId);
      CommentRights.delete(who, c);
      if (c == t.comments().get(0)) {
        return store.deleteThread(docId, threadId).map(v -> {
          threads.remove(threadId);
          return new Outcome("deleted", who.userId(), threadId, () -> new JsonObject().put("deleted", "thread"));
        });
      }
      return store.deleteComment(docId, threadId, c.id()).map(v -> {
        List<Comment> list = new ArrayList<>(threads.get(threadId).comments());
        list.removeIf(x -> x.id().equals(c.id()));
        threads.put(threads.get(threadId).withComments(list));
        return new Outcome("deleted", who.userId(), threadId, () -> new JsonObject().put("deleted", "comment"));
      });
    };
  }

  // ---------------------------------------------------------------- helpers

  private CommentThread thread(String threadId) {
    CommentThread t = threads.get(threadId);
    if (t == null) {
      throw ErrorCode.NOT_FOUND.exception("no thread " + threadId);
    }
    return t;
  }

  private static Comment comment(CommentThread t, String commentId) {
    Comment c = t.comment(commentId);
    if (c == null) {
      throw ErrorCode.NOT_FOUND.exception("no comment " + commentId + " in thread " + t.id());
    }
    return c;
  }

  private boolean anyComment(String id) {
    for (CommentThread t : threads.all()) {
      if (t.id().equals(id) || t.comment(id) != null) {
        return true;
      }
    }
    return false;
  }

  /** The same id again: its author gets what the first request made (it may have lost the answer). */
  private Future<Outcome> again(CommentThread t, Comment c, Actor who) {
    if (!c.userId().equals(who.userId())) {
      throw ErrorCode.FORBIDDEN.exception("id " + c.id() + " is taken");
    }
    String threadId = t.id();
    return Future.succeededFuture(Outcome.read(() -> reply(threadId, false)));
  }

  private void requireRoomFor(String text) {
    requireRoomFor(text, 0);
  }

  /** TOO_LARGE when {@code text} would take the document's comments over their bytes ({@code freed}: an edit's old text). */
  private void requireRoomFor(String text, long freed) {
    if (threads.textBytes() - freed + CommentLimits.bytes(text) > CommentLimits.MAX_DOC_TEXT_BYTES) {
      throw ErrorCode.TOO_LARGE.exception("the document's comments hold at most "
          + CommentLimits.MAX_DOC_TEXT_BYTES + " bytes of text");
    }
  }

  private Future<Outcome> unchanged(String threadId) {
    return Future.succeededFuture(Outcome.read(() -> reply(threadId, false)));
  }

  private Outcome changed(String change, Actor who, String threadId, boolean created) {
    return new Outcome(change, who.userId(), threadId, () -> reply(threadId, created));
  }

  /** {@code {thread, created}}: the thread as the room has it when the answer goes out. */
  private JsonObject reply(String threadId, boolean created) {
    CommentThread t = threads.get(threadId);
    JsonObject r = new JsonObject().put("created", created);
    return t == null ? r : r.put("thread", t.toJson());
  }
}
