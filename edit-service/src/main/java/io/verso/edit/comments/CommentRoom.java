package io.verso.edit.comments;

import io.verso.delta.Delta;
import io.verso.protocol.DeltaJson;
import io.verso.protocol.ErrorCode;
import io.verso.protocol.comments.CommentAction;
import io.verso.protocol.comments.CommentThread;
import io.verso.protocol.doc.OpEvent;
import io.verso.runtime.DocLog;
import io.verso.runtime.Failures;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayDeque;
import java.util.function.Consumer;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The comment threads of one hosted document, beside its sequencer and on its event loop, so that
 * comments are ordered with the document's ops: every committed op moves every anchor
 * ({@link Threads#move}), and a comment change is published on {@code doc.<id>.events} right after
 * the ops it was made against, its anchors valid at the revision of the last of them.
 *
 * <p>One change at a time ({@link CommentChanges} does the checking and the writing): ops that commit
 * while a change is being written wait in {@code arrived} and move the anchors once it has landed,
 * the new thread's included, before the change is answered and published. A change is answered after
 * storage committed it; when a write fails ambiguously (a timeout may have landed), the room reloads
 * its threads from storage before the next request, so a resend with the same id finds its comment.
 *
 * <p>Anchors are moved in memory and saved every {@value #SAVE_EVERY} ops and when the document
 * unloads; a room that loads moves the saved anchors through the ops committed since.
 */
public final class CommentRoom {
  private static final Logger LOG = LoggerFactory.getLogger(CommentRoom.class);
  static final int SAVE_EVERY = 500;

  /** Committed op events after a revision, a page at a time (the sequencer's catch-up). */
  public interface OpSource {
    Future<Page> after(long fromRev);

    record Page(List<OpEvent> events, boolean more) {}
  }

  /** What a request does once the room is its turn: a change checked and written, or a read. */
  record Outcome(String change, String userId, String threadId, Supplier<JsonObject> reply) {
    static Outcome read(Supplier<JsonObject> reply) {
      return new Outcome(null, null, null, reply);
    }
  }

  private record Task(Supplier<Future<Outcome>> work, Promise<JsonObject> reply) {}

  private final String docId;
  private final CommentStorage store;
  private final OpSource ops;
  private final Consumer<JsonObject> events;
  private final Threads threads = new Threads();
  private final CommentChanges changes;
  private final ArrayDeque<OpEvent> arrived = new ArrayDeque<>();
  private final ArrayDeque<Task> tasks = new ArrayDeque<>();

  private long rev;
  private int length;
  private boolean busy = true;
  private boolean stale;
  private boolean closed;
  private int movedSinceSave;

  /** @param events receives each change's event, to publish on the document's events address */
  public CommentRoom(String docId, CommentStorage store, OpSource ops, Consumer<JsonObject> events,
      double changesPerSecond, int changesBurst) {
    this.docId = docId;
    this.store = store;
    this.ops = ops;
    this.events = events;
    this.changes = new CommentChanges(docId, store, threads, this::opsSince, changesPerSecond, changesBurst);
  }

  // ---------------------------------------------------------------- lifecycle

  /** Loads the threads once the sequencer has loaded the document at {@code headRev} ({@code headLength} long). */
  public Future<Void> load(long headRev, int headLength) {
    rev = headRev;
    length = headLength;
    return reload().onComplete(ar -> {
      if (ar.failed()) {
        DocLog.with(docId, () -> LOG.warn("Comments of {} did not load ({}); the next request tries again", docId,
            ar.cause().getMessage()));
        stale = true;
      }
      busy = false;
      pump();
    });
  }

  /** Stops taking requests and saves the anchors (the document unloads). */
  public Future<Void> close() {
    if (closed) {
      return Future.succeededFuture();
    }
    closed = true;
    for (Task t; (t = tasks.poll()) != null; ) {
      t.reply().tryFail(ErrorCode.UNAVAILABLE.exception("document is moving: retry"));
    }
    return busy || stale ? Future.succeededFuture() : saveAnchors();
  }

  /** A committed op, in revision order (the ones it already has are ignored). */
  public void committed(OpEvent event) {
    if (!closed) {
      arrived.add(event);
      pump();
    }
  }

  /** Periodic housekeeping: forgets rate-limit buckets of users gone quiet. */
  public void maintain(long nowNanos) {
    changes.maintain(nowNanos);
  }

  // ---------------------------------------------------------------- requests

  /** A request of {@code who}: {@link CommentAction}'s {@code action} with its body. */
  public Future<JsonObject> request(String action, JsonObject body, Actor who) {
    if (closed) {
      return Future.failedFuture(ErrorCode.UNAVAILABLE.exception("document is moving: retry"));
    }
    Supplier<Future<Outcome>> work;
    try {
      work = changes.prepare(action, body, who, () -> rev, () -> length, this::list);
    } catch (RuntimeException refused) {
      return Future.failedFuture(refused);
    }
    Promise<JsonObject> reply = Promise.promise();
    tasks.add(new Task(work, reply));
    pump();
    return reply.future();
  }

  private JsonObject list() {
    return CommentThread.listToJson(threads.list()).put("rev", rev);
  }

  // ---------------------------------------------------------------- the one thing at a time

  private void pump() {
    if (busy || closed) {
      return;
    }
    if (!arrived.isEmpty()) {
      busy = true;
      applyArrived().onComplete(ar -> {
        if (ar.failed()) {
          DocLog.with(docId, () -> LOG.warn("Comments of {} missed ops ({}); reloading", docId, ar.cause().getMessage()));
          stale = true;
        }
        busy = false;
        pump();
      });
      return;
    }
    Task task = tasks.poll();
    if (task == null) {
      return;
    }
    busy = true;
    Future<Void> ready = stale ? reload().onSuccess(v -> stale = false) : Future.succeededFuture();
    ready.compose(v -> task.work().get()).onComplete(ar -> {
      if (ar.failed() && ambiguous(ar.cause())) {
        stale = true;
      }
      // ops that committed while the change was written move it too before anyone hears of it
      applyArrived().onComplete(moved -> {
        busy = false;
        if (moved.failed()) {
          stale = true;
        }
        if (ar.failed()) {
          task.reply().tryFail(ar.cause());
        } else {
          finish(ar.result(), task.reply());
        }
        pump();
      });
    });
  }

  private void finish(Outcome outcome, Promise<JsonObject> reply) {
    if (outcome.change() != null) {
      CommentThread t = threads.get(outcome.threadId());
      JsonObject event = new JsonObject().put("type", CommentAction.EVENT_TYPE).put("rev", rev)
          .put("change", outcome.change()).put("userId", outcome.userId()).put("threadId", outcome.threadId());
      if (t != null) {
        event.put("thread", t.toJson());
      }
      events.accept(event);
    }
    reply.tryComplete(outcome.reply().get());
  }

  private static boolean ambiguous(Throwable err) {
    ErrorCode code = Failures.codeOf(err);
    return code == ErrorCode.UNAVAILABLE || code == ErrorCode.INTERNAL || code == ErrorCode.DUPLICATE;
  }

  // ---------------------------------------------------------------- ops

  /** Moves the anchors through the ops that arrived, in order; fetches a gap from the op source. */
  private Future<Void> applyArrived() {
    while (!arrived.isEmpty()) {
      OpEvent e = arrived.peek();
      if (e.rev() <= rev) {
        arrived.poll();
      } else if (e.rev() == rev + 1) {
        arrived.poll();
        apply(e);
      } else {
        long until = e.rev() - 1;
        return opsSince(rev, until, this::applyIfNext).compose(v -> applyArrived());
      }
    }
    if (movedSinceSave >= SAVE_EVERY) {
      saveAnchors();
    }
    return Future.succeededFuture();
  }

  private void applyIfNext(OpEvent e) {
    if (e.rev() == rev + 1) {
      apply(e);
    }
  }

  private void apply(OpEvent e) {
    length += changeLength(e.ops());
    if (!threads.isEmpty()) {
      threads.move(delta(e), e.rev());
      movedSinceSave++;
    }
    rev = e.rev();
  }

  /** The ops in {@code (from, to]} handed to {@code each} in order, page by page. */
  private Future<Void> opsSince(long from, long to, Consumer<OpEvent> each) {
    if (from >= to) {
      return Future.succeededFuture();
    }
    return ops.after(from).compose(page -> {
      long last = from;
      for (OpEvent e : page.events()) {
        if (e.rev() > to) {
          return Future.<Void>succeededFuture();
        }
        each.accept(e);
        last = e.rev();
      }
      if (last == from) {
        return Future.failedFuture(ErrorCode.UNAVAILABLE.exception("ops after " + from + " not found"));
      }
      return last >= to ? Future.<Void>succeededFuture() : opsSince(last, to, each);
    });
  }

  /** For the changes: the ops after {@code from} up to the room's revision. */
  private Future<Void> opsSince(long from, Consumer<OpEvent> each) {
    return opsSince(from, rev, each);
  }

  /** The threads as storage has them, moved through the ops since their anchors were saved. */
  private Future<Void> reload() {
    long at = rev;
    return store.load(docId).compose(list -> {
      threads.replaceAll(list);
      long oldest = threads.oldestRev();
      if (oldest >= at) {
        return Future.succeededFuture();
      }
      return opsSince(oldest, at, e -> threads.move(delta(e), e.rev()));
    });
  }

  private Future<Void> saveAnchors() {
    movedSinceSave = 0;
    if (threads.isEmpty()) {
      return Future.succeededFuture();
    }
    return store.saveAnchors(docId, rev, threads.list())
        .onFailure(err -> DocLog.with(docId, () -> LOG.debug("Saving the anchors of {} failed: {}", docId,
            err.getMessage())))
        .otherwiseEmpty();
  }

  /** How much an op changes the document's length, from its JSON (inserts count, deletes subtract). */
  static int changeLength(JsonArray ops) {
    int n = 0;
    for (int i = 0; i < ops.size(); i++) {
      if (ops.getValue(i) instanceof JsonObject op) {
        Object insert = op.getValue("insert");
        if (insert instanceof String s) {
          n += s.length();
        } else if (insert != null) {
          n += 1;
        } else if (op.getValue("delete") instanceof Number d) {
          n -= d.intValue();
        }
      }
    }
    return n;
  }

  /** The op of an event as a delta: what moves the anchors (here, and for a new thread in CommentChanges). */
  static Delta delta(OpEvent e) {
    return DeltaJson.fromJson(e.ops());
  }
}
