package io.verso.edit;

import io.verso.protocol.DeltaJson;
import io.verso.protocol.ErrorCode;
import io.verso.runtime.DocLog;
import io.verso.runtime.Failures;
import io.verso.protocol.doc.OpEvent;
import io.verso.protocol.doc.SubmitRequest;
import io.verso.protocol.Role;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one sequencer of one document, its state machine and its waiting: orders submits, answers
 * resends exactly once ({@link ClientMarks}), sequences the rest against the document
 * ({@link DocState}: validate, transform, apply to head), commits them through storage
 * ({@link CommitQueue}: one append in flight, everything that arrives meanwhile in the next), and
 * only after the commit answers the sender and publishes the op.
 *
 * <p>When a commit fails, every pending op fails (they build on each other) and is forgotten;
 * clients resend with the same (clientId, seq). A commit that fails ambiguously (timeout, storage
 * down) makes the next request reload from storage first ({@link Recovery}), so a commit that did
 * land is found, published and de-duplicated. A commit that loses the storage fence means another
 * sequencer owns the document: this one steps down.
 *
 * <p>Not thread-safe: all calls come from the owning verticle's event loop. Public only so that the
 * JMH benchmark in {@code bench} can drive the in-process submit path; services use the event bus.
 */
public final class Sequencer {
  private static final Logger LOG = LoggerFactory.getLogger(Sequencer.class);
  static final int MAX_CATCHUP = 1000;
  /** How many of the latest ops a newly loaded sequencer publishes again. */
  static final int REPUBLISH_ON_LOAD = 32;

  /** What the owner of a sequencer hears from it. */
  public interface Listener {
    void committed(String docId, OpEvent event);

    void steppedDown(String docId, String reason);
  }

  public enum State { LOADING, ACTIVE, DRAINING, CLOSED }

  private final String docId;
  private final DocStore store;
  private final EditConfig config;
  private final Listener listener;
  private final RateLimiter limiter;
  private final DocState doc;
  private final CommitQueue commits = new CommitQueue();
  private final Snapshots snapshots;
  private final Recovery recovery;

  private State state = State.LOADING;
  private Future<Void> ready;
  private Promise<Void> drained;
  private long lastActivityNanos = System.nanoTime();

  public Sequencer(String docId, DocStore store, EditConfig config, Listener listener) {
    this.docId = docId;
    this.store = store;
    this.config = config;
    this.listener = listener;
    this.limiter = new RateLimiter(config.opsPerSecond(), config.opsBurst());
    this.doc = new DocState(config, docId);
    this.snapshots = new Snapshots(docId, store, config.snapshotEvery(), config.quietSnapshotMs());
    this.recovery = new Recovery(docId, this::reload);
  }

  // ---------------------------------------------------------------- lifecycle

  /** Loads the document; requests made meanwhile wait for it. A failed load leaves nothing behind. */
  public Future<Void> load() {
    ready = store.load(docId).compose(this::install).map(v -> {
      if (state == State.LOADING) {
        state = State.ACTIVE;
      }
      // A previous owner may have died between its commit and its publish: the latest ops are
      // published again (clients drop revisions they have), so no client waits for the next edit.
      doc.window.newest(REPUBLISH_ON_LOAD).forEach(e -> listener.committed(docId, e.event()));
      DocLog.with(docId, () -> LOG.debug("Document {} active at rev {}", docId, doc.committedRev()));
      return (Void) null;
    });
    ready.onFailure(err -> state = State.CLOSED);
    return ready;
  }

  private Future<Void> install(DocStore.Loaded loaded) {
    return Restored.of(loaded, docId, store, config).map(r -> {
      doc.install(r);
      snapshots.reset(r.snapshotRev());
      return null;
    });
  }

  public State state() {
    return state;
  }

  public long committedRev() {
    return doc.committedRev();
  }

  /** The committed document's length, in UTF-16 units (the comment room checks new anchors against it). */
  int committedLength() {
    return doc.committed().length();
  }

  long idleNanos(long now) {
    return now - lastActivityNanos;
  }

  boolean busy() {
    return commits.busy();
  }

  /**
   * Stops taking requests, waits for the commits in flight, snapshots, and closes. The caller has
   * already unregistered the document's consumer, so new requests find another sequencer.
   */
  Future<Void> drain() {
    if (state == State.CLOSED) {
      return Future.succeededFuture();
    }
    if (drained == null) {
      drained = Promise.promise();
      state = State.DRAINING;
      maybeFinishDrain();
    }
    return drained.future();
  }

  private void maybeFinishDrain() {
    if (state != State.DRAINING || busy()) {
      return;
    }
    snapshots.flush(doc).onComplete(ar -> {
      state = State.CLOSED;
      drained.tryComplete();
    });
  }

  private void stepDown(String reason) {
    if (state == State.CLOSED) {
      return;
    }
    DocLog.with(docId, () -> LOG.warn("Sequencer of {} steps down: {}", docId, reason));
    state = State.CLOSED;
    List<CommitQueue.Pending> queued = commits.takeQueued();
    doc.forgetPending();
    CommitQueue.failAll(queued, ErrorCode.UNAVAILABLE.exception("document changed owner: retry"));
    if (drained != null) {
      drained.tryComplete();
    }
    listener.steppedDown(docId, reason);
  }

  // ---------------------------------------------------------------- requests

  /** {@code open}: the committed content ({@code role} is only said back). */
  Future<OpenReply> open(Role role) {
    return whenActive().compose(v -> {
      long rev = doc.committedRev();
      var content = DeltaJson.toJson(doc.committed().toDelta());
      // A rename happens outside the sequencer: ask storage, fall back to what we know while it is down.
      return store.title(docId).otherwise(doc.title()).map(t -> {
        doc.title(t);
        return new OpenReply(rev, content, doc.title(), role.wire());
      });
    });
  }

  /**
   * {@code catchup}: committed op events after {@code fromRev}: at most {@value #MAX_CATCHUP}, and
   * fewer when their ops fill {@code catchupPageBytes}.
   */
  Future<CatchupReply> catchup(long fromRev) {
    return whenActive().compose(v -> {
      recovery.clientKnows(fromRev, doc.headRev(), busy());
      return fromRev > doc.committedRev() ? recovery.settled().otherwiseEmpty() : Future.<Void>succeededFuture();
    }).compose(v -> { // served from memory while storage is down
      long committedRev = doc.committedRev();
      if (fromRev > committedRev) {
        throw ErrorCode.REV_AHEAD.exception("fromRev " + fromRev + " is ahead of the document (" + committedRev + ")");
      }
      long to = Math.min(committedRev, fromRev + MAX_CATCHUP);
      OpWindow.Page page = doc.window.page(fromRev, to, config.catchupPageBytes());
      Future<OpWindow.Page> found = page != null ? Future.succeededFuture(page)
          : store.range(docId, fromRev, to, MAX_CATCHUP, config.catchupPageBytes()).map(list ->
              new OpWindow.Page(list, list.isEmpty() ? fromRev : list.get(list.size() - 1).rev()));
      return found.map(p -> new CatchupReply(p.events(), p.lastRev() < doc.committedRev()));
    });
  }

  /** {@code submit}: sequence, transform, validate, commit; the reply comes after the commit. */
  public Future<SubmitReply> submit(SubmitRequest req, String userId) {
    return whenActive().compose(v -> {
      recovery.clientKnows(req.baseRev(), doc.headRev(), busy());
      return recovery.settled();
    }).compose(v -> {
      if (state != State.ACTIVE) {
        throw ErrorCode.UNAVAILABLE.exception("document is moving: retry");
      }
      Future<SubmitReply> duplicate = duplicateOf(req, userId);
      if (duplicate != null) {
        return duplicate;
      }
      if (!limiter.tryAcquire(userId, System.nanoTime())) {
        throw ErrorCode.RATE_LIMITED.exception("too many ops: slow down");
      }
      CommitQueue.Pending p = doc.sequence(req, userId, System.currentTimeMillis());
      commits.add(p);
      flush();
      return p.reply().future();
    });
  }

  /** The answer to an already seen (clientId, seq) of this user, or null when it is new. */
  private Future<SubmitReply> duplicateOf(SubmitRequest req, String userId) {
    ClientMarks.Seen seen = doc.clients.check(req.clientId(), userId, req.seq());
    CommitQueue.Pending pending = commits.find(req.clientId(), req.seq());
    if (pending != null) {
      return pending.reply().future().map(r -> SubmitReply.duplicateOf(r.rev()));
    }
    return switch (seen) {
      case NEW -> null;
      case LAST -> Future.succeededFuture(SubmitReply.duplicateOf(doc.clients.lastRev(req.clientId())));
      case EARLIER -> store.findRev(docId, userId, req.clientId(), req.seq()).map(SubmitReply::duplicateOf)
          .recover(err -> Future.failedFuture(Failures.codeOf(err) == ErrorCode.NOT_FOUND
              ? ErrorCode.BAD_REQUEST.exception("seq " + req.seq() + " is below this client's last committed seq")
              : err));
    };
  }

  /** {@code authorship}: who wrote each character of the committed document. */
  Future<AuthorshipReply> authorship() {
    return whenActive().map(v -> AuthorshipReply.of(doc.committedRev(), doc.authorship()));
  }

  /**
   * Periodic housekeeping: forgets the rate-limit buckets of users that went quiet, and snapshots a
   * document that went quiet ({@link Snapshots#quiet}).
   */
  void maintain(long nowNanos) {
    limiter.prune(nowNanos);
    if (state == State.ACTIVE && !busy()) {
      snapshots.quiet(doc, nowNanos);
    }
  }

  /** Marks activity (the web tier touches documents its sockets watch). */
  void touch() {
    lastActivityNanos = System.nanoTime();
  }

  private Future<Void> whenActive() {
    lastActivityNanos = System.nanoTime();
    if (ready == null) {
      return Future.failedFuture(ErrorCode.UNAVAILABLE.exception("document not loaded"));
    }
    return ready.compose(v -> state == State.CLOSED
        ? Future.failedFuture(ErrorCode.UNAVAILABLE.exception("document is moving: retry"))
        : Future.succeededFuture());
  }

  // ---------------------------------------------------------------- commits

  private void flush() {
    List<CommitQueue.Pending> batch = commits.next();
    if (batch == null) {
      return;
    }
    store.append(docId, batch.stream().map(CommitQueue.Pending::event).toList()).onComplete(ar -> {
      commits.landed();
      if (ar.succeeded()) {
        committed(batch);
        flush();
      } else {
        commitFailed(batch, ar.cause());
      }
      maybeFinishDrain();
    });
  }

  private void committed(List<CommitQueue.Pending> batch) {
    for (CommitQueue.Pending p : batch) {
      if (!doc.committed(p.entry())) {
        DocLog.with(docId, p.event().userId(), () -> LOG.error("Committed op {} of {} does not apply in memory;"
            + " reloading", p.entry().rev(), docId));
        recovery.needed();
      }
      listener.committed(docId, p.event());
      p.reply().complete(SubmitReply.committed(p.entry().rev()));
    }
    doc.trim();
    snapshots.committed(doc);
  }

  private void commitFailed(List<CommitQueue.Pending> batch, Throwable cause) {
    ErrorCode code = Failures.codeOf(cause);
    List<CommitQueue.Pending> all = new ArrayList<>(batch);
    all.addAll(commits.takeQueued());
    doc.forgetPending();
    if (code == ErrorCode.TOO_LARGE && batch.size() == 1) {
      // storage refuses this op for its size, whatever the batch: a resend would loop forever
      OpEvent refused = batch.get(0).event();
      DocLog.with(docId, refused.userId(), () -> LOG.warn("Storage refused an op of {} for its size: {}", docId,
          cause.getMessage()));
      batch.get(0).reply().tryFail(ErrorCode.TOO_LARGE.exception("op too large for storage"));
    }
    CommitQueue.failAll(all, ErrorCode.UNAVAILABLE.exception("commit failed (" + code + "): retry"));
    if (code == ErrorCode.CONFLICT || code == ErrorCode.DUPLICATE || code == ErrorCode.NOT_FOUND) {
      stepDown("commit lost the storage fence (" + code + ": " + cause.getMessage() + ")");
    } else {
      DocLog.with(docId, () -> LOG.warn("Commit of {} ops of {} failed ({}); will reload before the next write",
          all.size(), docId, code));
      recovery.needed();
    }
  }

  /** Loads the document again; ops that committed meanwhile unheard are published (and known for de-duplication). */
  private Future<Void> reload() {
    long known = doc.committedRev();
    return store.load(docId).compose(this::install).compose(v -> publishRecovered(known));
  }

  private Future<Void> publishRecovered(long known) {
    long now = doc.committedRev();
    if (now <= known) {
      return Future.succeededFuture();
    }
    return store.range(docId, known, now, (int) Math.min(MAX_CATCHUP * 10L, now - known), Long.MAX_VALUE)
        .map(list -> {
          list.forEach(e -> listener.committed(docId, e));
          return null;
        });
  }
}
