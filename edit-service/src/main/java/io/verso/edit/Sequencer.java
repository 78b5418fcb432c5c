package io.verso.edit;

import io.verso.delta.Delta;
import io.verso.delta.Document;
import io.verso.delta.InvalidDeltaException;
import io.verso.protocol.DeltaJson;
import io.verso.protocol.ErrorCode;
import io.verso.protocol.Failures;
import io.verso.protocol.doc.OpEvent;
import io.verso.protocol.storage.Role;
import io.verso.protocol.doc.SubmitRequest;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one sequencer of one document: orders submits, transforms them against the ops committed
 * since their base revision, validates, commits them through storage (one append in flight at a
 * time, everything that arrives meanwhile goes into the next append), and only after the commit
 * answers the sender and publishes the op.
 *
 * <p>The in-memory {@link Document} holds committed content only; sequenced-but-uncommitted ops
 * live in the window and the pending queue. When a commit fails, every pending op fails (they build
 * on each other) and is forgotten; clients resend them with the same (clientId, seq). A commit that
 * fails ambiguously (timeout, storage down) makes the next request reload from storage first, so a
 * commit that did land is found, published and de-duplicated. A commit that loses the storage fence
 * means another sequencer owns the document: this one steps down.
 *
 * <p>Not thread-safe: all calls come from the owning verticle's event loop. Public only so that the
 * JMH benchmark in {@code bench} can drive the in-process submit path; services use the event bus.
 */
public final class Sequencer {
  private static final Logger LOG = LoggerFactory.getLogger(Sequencer.class);
  static final int MAX_CATCHUP = 1000;
  private static final int MAX_BATCH = 500;
  /** Upper bound of one append's encoded ops (storage refuses appends over 4 MiB by default). */
  private static final long MAX_BATCH_BYTES = 2L * 1024 * 1024;
  private static final Delta EMPTY_DOCUMENT = Delta.builder().insert("\n").build();

  /** What the owner of a sequencer hears from it. */
  public interface Listener {
    void committed(String docId, OpEvent event);

    void steppedDown(String docId, String reason);
  }

  public enum State { LOADING, ACTIVE, DRAINING, CLOSED }

  /**
   * A sequenced op as the window keeps it: the delta and the event's metadata, not the event's JSON
   * (which weighs about twice the delta as maps; a full window holds one entry per recent op of
   * every hosted document). The JSON is rebuilt, identically, when an old op is served again.
   */
  private record Entry(long rev, Delta delta, String clientId, long seq, String userId, long ts) {
    static Entry of(OpEvent e, Delta delta) {
      return new Entry(e.rev(), delta, e.clientId(), e.seq(), e.userId(), e.ts());
    }

    OpEvent event() {
      return new OpEvent(rev, DeltaJson.toJson(delta), clientId, seq, userId, ts);
    }
  }

  /** An op waiting for (or in) its commit; it carries its event, built once for the append and the publish. */
  private record Pending(Entry entry, OpEvent event, long bytes, Promise<JsonObject> reply) {
    String clientId() {
      return entry.clientId();
    }

    long seq() {
      return entry.seq();
    }
  }

  private final String docId;
  private final DocStore store;
  private final EditConfig config;
  private final OpPolicy policy;
  private final Listener listener;
  private final RateLimiter limiter;

  private State state = State.LOADING;
  private Future<Void> ready;
  private Document doc;
  private String title;
  private long committedRev;
  private long headRev;
  private long pendingLengthChange;
  private long snapshotRev;
  private boolean snapshotting;
  private boolean reloadNeeded;
  private Future<Void> reloading;
  private final ArrayDeque<Entry> window = new ArrayDeque<>();
  private final Map<String, DocStore.ClientMark> clients = new HashMap<>();
  private final ArrayDeque<Pending> queue = new ArrayDeque<>();
  private List<Pending> inFlight;
  private Promise<Void> drained;
  private long lastActivityNanos = System.nanoTime();
  private long lastStaleReloadNanos = System.nanoTime() - 2_000_000_000L;

  public Sequencer(String docId, DocStore store, EditConfig config, Listener listener) {
    this.docId = docId;
    this.store = store;
    this.config = config;
    this.policy = new OpPolicy(config);
    this.listener = listener;
    this.limiter = new RateLimiter(config.opsPerSecond(), config.opsBurst());
  }

  // ---------------------------------------------------------------- lifecycle

  /** Loads the document; requests made meanwhile wait for it. A failed load leaves nothing behind. */
  public Future<Void> load() {
    ready = store.load(docId).compose(this::install).map(v -> {
      if (state == State.LOADING) {
        state = State.ACTIVE;
      }
      republishRecent();
      LOG.debug("Document {} active at rev {}", docId, committedRev);
      return (Void) null;
    });
    ready.onFailure(err -> state = State.CLOSED);
    return ready;
  }

  private Future<Void> install(DocStore.Loaded loaded) {
    Document d = new Document(loaded.snapshot() == null ? EMPTY_DOCUMENT : DeltaJson.fromJson(loaded.snapshot()));
    List<Entry> tail = new ArrayList<>(loaded.ops().size());
    long expected = loaded.snapshotRev() + 1;
    for (OpEvent e : loaded.ops()) {
      if (e.rev() != expected) {
        return Future.failedFuture(ErrorCode.INTERNAL.exception(
            "op log of " + docId + " has a gap at rev " + expected));
      }
      Delta delta = DeltaJson.fromJson(e.ops());
      d.apply(delta);
      tail.add(Entry.of(e, delta));
      expected++;
    }
    long head = expected - 1;
    Future<List<Entry>> older = Future.succeededFuture(List.of());
    long wantFrom = Math.max(0, head - config.window());
    if (tail.size() < config.window() && loaded.snapshotRev() > wantFrom) {
      older = store.range(docId, wantFrom, loaded.snapshotRev(), config.window())
          .map(list -> list.stream().map(e -> Entry.of(e, DeltaJson.fromJson(e.ops()))).toList());
    }
    return older.map(prefix -> {
      window.clear();
      prefix.forEach(window::addLast);
      tail.forEach(window::addLast);
      doc = d;
      title = loaded.title();
      committedRev = head;
      headRev = head;
      pendingLengthChange = 0;
      snapshotRev = loaded.snapshotRev();
      clients.clear();
      clients.putAll(loaded.clients());
      trimWindow();
      return null;
    });
  }

  public State state() {
    return state;
  }

  public long committedRev() {
    return committedRev;
  }

  long idleNanos(long now) {
    return now - lastActivityNanos;
  }

  boolean busy() {
    return inFlight != null || !queue.isEmpty();
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
    Future<Void> snap = committedRev > snapshotRev && doc != null ? saveSnapshot() : Future.succeededFuture();
    snap.onComplete(ar -> {
      state = State.CLOSED;
      drained.tryComplete();
    });
  }

  private void stepDown(String reason) {
    if (state == State.CLOSED) {
      return;
    }
    LOG.warn("Sequencer of {} steps down: {}", docId, reason);
    state = State.CLOSED;
    failAllPending(ErrorCode.UNAVAILABLE.exception("document changed owner: retry"));
    if (drained != null) {
      drained.tryComplete();
    }
    listener.steppedDown(docId, reason);
  }

  // ---------------------------------------------------------------- requests

  /** {@code open}: the committed content. */
  Future<JsonObject> open(Role role) {
    return whenActive().compose(v -> {
      requireRole(role, false);
      JsonObject reply = new JsonObject().put("rev", committedRev)
          .put("content", DeltaJson.toJson(doc.toDelta())).put("role", role.wire());
      // A rename happens outside the sequencer: ask storage, fall back to what we know while it is down.
      return store.title(docId).otherwise(title).map(t -> {
        if (t != null) {
          title = t;
        }
        return reply.put("title", title);
      });
    });
  }

  /** {@code catchup}: committed op events after {@code fromRev}, at most {@value #MAX_CATCHUP}. */
  Future<JsonObject> catchup(long fromRev, Role role) {
    return whenActive().compose(v -> fromRev > committedRev
        ? staleCheck(fromRev).compose(x -> reloadIfNeeded()).otherwiseEmpty() // from memory while storage is down
        : Future.<Void>succeededFuture()).compose(v -> {
      requireRole(role, false);
      if (fromRev > committedRev) {
        throw ErrorCode.REV_AHEAD.exception("fromRev " + fromRev + " is ahead of the document (" + committedRev + ")");
      }
      long to = Math.min(committedRev, fromRev + MAX_CATCHUP);
      Entry first = window.peekFirst();
      if (fromRev == committedRev || (first != null && first.rev() <= fromRev + 1)) {
        JsonArray events = new JsonArray();
        for (Entry e : window) {
          if (e.rev() > fromRev && e.rev() <= to) {
            events.add(e.event().toJson());
          }
        }
        return Future.succeededFuture(catchupReply(events, to));
      }
      return store.range(docId, fromRev, to, MAX_CATCHUP).map(list -> {
        JsonArray events = new JsonArray();
        list.forEach(e -> events.add(e.toJson()));
        return catchupReply(events, list.isEmpty() ? fromRev : list.get(list.size() - 1).rev());
      });
    });
  }

  private JsonObject catchupReply(JsonArray events, long lastRev) {
    JsonObject reply = new JsonObject().put("events", events);
    if (lastRev < committedRev) {
      reply.put("more", true);
    }
    return reply;
  }

  /** {@code submit}: sequence, transform, validate, commit; the reply comes after the commit. */
  public Future<JsonObject> submit(SubmitRequest req, String userId, Role role) {
    return whenActive().compose(v -> staleCheck(req.baseRev())).compose(v -> reloadIfNeeded()).compose(v -> {
      if (state != State.ACTIVE) {
        throw ErrorCode.UNAVAILABLE.exception("document is moving: retry");
      }
      requireRole(role, true);
      Future<JsonObject> duplicate = duplicateOf(req);
      if (duplicate != null) {
        return duplicate;
      }
      if (!limiter.tryAcquire(userId, System.nanoTime())) {
        throw ErrorCode.RATE_LIMITED.exception("too many ops: slow down");
      }
      return sequence(req, userId);
    });
  }

  private Future<JsonObject> sequence(SubmitRequest req, String userId) {
    if (req.baseRev() > headRev) {
      throw ErrorCode.REV_AHEAD.exception("baseRev " + req.baseRev() + " is ahead of the document (" + headRev + ")");
    }
    Entry first = window.peekFirst();
    if (req.baseRev() < headRev && (first == null || first.rev() > req.baseRev() + 1)) {
      throw ErrorCode.RESYNC_REQUIRED.exception("baseRev " + req.baseRev() + " is too old: reload");
    }
    Delta op = DeltaJson.fromJson(req.ops());
    policy.checkContent(op);
    op = transformOverConcurrent(op, req.baseRev());
    long length = doc.length() + pendingLengthChange;
    policy.checkApplies(op, (int) length);

    long rev = ++headRev;
    OpEvent event = new OpEvent(rev, DeltaJson.toJson(op), req.clientId(), req.seq(), userId,
        System.currentTimeMillis());
    Entry entry = Entry.of(event, op);
    Pending p = new Pending(entry, event, encodedSizeBound(op), Promise.promise());
    window.addLast(entry);
    pendingLengthChange += op.changeLength();
    queue.addLast(p);
    flush();
    return p.reply().future();
  }

  /**
   * A client knows a revision beyond everything this sequencer has sequenced: either the client is
   * wrong, or another sequencer committed it after this one loaded (a failover race: the old owner's
   * last commit landed after our load). Reload once from storage before answering REV_AHEAD; if
   * another sequencer is still writing, our next commit loses the fence and we step down.
   */
  private Future<Void> staleCheck(long clientRev) {
    long now = System.nanoTime();
    if (clientRev > headRev && !busy() && !reloadNeeded && now - lastStaleReloadNanos > 1_000_000_000L) {
      lastStaleReloadNanos = now; // at most one per second: a hostile baseRev must not become a load storm
      LOG.info("A client of {} knows rev {} beyond ours ({}): reloading", docId, clientRev, headRev);
      reloadNeeded = true;
    }
    return Future.succeededFuture();
  }

  /** The answer to an already seen (clientId, seq), or null when it is new. */
  /**
   * Transforms {@code op} over every op after {@code baseRev}, oldest first. The window holds
   * consecutive revisions, so those are its last {@code headRev - baseRev} entries: found from the
   * tail, at a cost of the ops behind, not of the window's size.
   */
  private Delta transformOverConcurrent(Delta op, long baseRev) {
    int behind = (int) Math.min(window.size(), headRev - baseRev);
    if (behind == 0) {
      return op;
    }
    Entry[] concurrent = new Entry[behind];
    Iterator<Entry> newestFirst = window.descendingIterator();
    for (int i = behind - 1; i >= 0; i--) {
      concurrent[i] = newestFirst.next();
    }
    for (Entry e : concurrent) {
      if (e.rev() > baseRev) {
        op = e.delta().transform(op, true);
      }
    }
    return op;
  }

  private Future<JsonObject> duplicateOf(SubmitRequest req) {
    Pending pending = pendingOf(req);
    if (pending != null) {
      return pending.reply().future().map(r -> r.copy().put("duplicate", true));
    }
    DocStore.ClientMark mark = clients.get(req.clientId());
    if (mark == null || req.seq() > mark.seq()) {
      return null;
    }
    if (req.seq() == mark.seq()) {
      return Future.succeededFuture(duplicateReply(mark.rev()));
    }
    return store.findRev(docId, req.clientId(), req.seq()).map(this::duplicateReply)
        .recover(err -> Future.failedFuture(Failures.codeOf(err) == ErrorCode.NOT_FOUND
            ? ErrorCode.BAD_REQUEST.exception("seq " + req.seq() + " is below this client's last committed seq")
            : err));
  }

  private JsonObject duplicateReply(long rev) {
    return new JsonObject().put("rev", rev).put("duplicate", true);
  }

  private Pending pendingOf(SubmitRequest req) {
    for (Pending p : queue) {
      if (p.seq() == req.seq() && p.clientId().equals(req.clientId())) {
        return p;
      }
    }
    if (inFlight != null) {
      for (Pending p : inFlight) {
        if (p.seq() == req.seq() && p.clientId().equals(req.clientId())) {
          return p;
        }
      }
    }
    return null;
  }

  /** Periodic housekeeping: forgets the rate-limit buckets of users that went quiet. */
  void maintain(long nowNanos) {
    limiter.prune(nowNanos);
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

  private static void requireRole(Role role, boolean write) {
    if (role == null) {
      throw ErrorCode.FORBIDDEN.exception("not a member of this document");
    }
    if (write && role != Role.OWNER && role != Role.EDITOR) {
      throw ErrorCode.FORBIDDEN.exception("role '" + role.wire() + "' cannot edit");
    }
  }

  // ---------------------------------------------------------------- commits

  private void flush() {
    if (inFlight != null || queue.isEmpty()) {
      return;
    }
    List<Pending> batch = new ArrayList<>(Math.min(queue.size(), MAX_BATCH));
    long bytes = 0;
    while (!queue.isEmpty() && batch.size() < MAX_BATCH
        && (batch.isEmpty() || bytes + queue.peekFirst().bytes() <= MAX_BATCH_BYTES)) {
      Pending p = queue.pollFirst();
      bytes += p.bytes();
      batch.add(p);
    }
    inFlight = batch;
    List<OpEvent> events = batch.stream().map(Pending::event).toList();
    store.append(docId, events).onComplete(ar -> {
      inFlight = null;
      if (ar.succeeded()) {
        committed(batch);
        flush();
      } else {
        commitFailed(batch, ar.cause());
      }
      maybeFinishDrain();
    });
  }

  private void committed(List<Pending> batch) {
    for (Pending p : batch) {
      Entry e = p.entry();
      try {
        doc.apply(e.delta());
      } catch (InvalidDeltaException ex) {
        // Cannot happen for a validated op; if it does, memory is wrong but storage is right.
        LOG.error("Committed op {} of {} does not apply in memory; reloading", e.rev(), docId, ex);
        reloadNeeded = true;
      }
      committedRev = e.rev();
      pendingLengthChange -= e.delta().changeLength();
      clients.put(p.clientId(), new DocStore.ClientMark(p.seq(), e.rev()));
      listener.committed(docId, p.event());
      p.reply().complete(new JsonObject().put("rev", e.rev()));
    }
    trimWindow();
    if (committedRev - snapshotRev >= config.snapshotEvery() && !snapshotting) {
      saveSnapshot();
    }
  }

  private void commitFailed(List<Pending> batch, Throwable cause) {
    ErrorCode code = Failures.codeOf(cause);
    List<Pending> all = new ArrayList<>(batch);
    all.addAll(queue);
    queue.clear();
    forgetPending();
    if (code == ErrorCode.TOO_LARGE && batch.size() == 1) {
      // storage refuses this op for its size, whatever the batch: a resend would loop forever
      batch.get(0).reply().tryFail(ErrorCode.TOO_LARGE.exception("op too large for storage"));
    }
    failAll(all, ErrorCode.UNAVAILABLE.exception("commit failed (" + code + "): retry"));
    if (code == ErrorCode.CONFLICT || code == ErrorCode.DUPLICATE || code == ErrorCode.NOT_FOUND) {
      stepDown("commit lost the storage fence (" + code + ": " + cause.getMessage() + ")");
    } else {
      LOG.warn("Commit of {} ops of {} failed ({}); will reload before the next write", all.size(), docId, code);
      reloadNeeded = true;
    }
  }

  private void failAllPending(RuntimeException error) {
    List<Pending> all = new ArrayList<>(queue);
    queue.clear();
    forgetPending();
    failAll(all, error);
  }

  /** Drops every sequenced-but-uncommitted op from the window. The in-flight batch stays owned by its callback. */
  private void forgetPending() {
    while (!window.isEmpty() && window.peekLast().rev() > committedRev) {
      window.pollLast();
    }
    headRev = committedRev;
    pendingLengthChange = 0;
  }

  private void trimWindow() {
    Iterator<Entry> it = window.iterator();
    int excess = window.size() - config.window();
    while (excess > 0 && it.hasNext() && it.next().rev() <= committedRev) {
      it.remove();
      excess--;
    }
  }

  /**
   * After an ambiguous commit failure: reload from storage; ops that did commit are published now
   * (nobody heard of them) and become known for de-duplication.
   */
  private Future<Void> reloadIfNeeded() {
    if (!reloadNeeded) {
      return Future.succeededFuture();
    }
    if (reloading == null) {
      long known = committedRev;
      reloading = store.load(docId).compose(this::install).compose(v -> publishRecovered(known))
          .onSuccess(v -> reloadNeeded = false)
          .eventually(() -> {
            reloading = null;
            return Future.succeededFuture();
          });
    }
    return reloading;
  }

  /** How many of the latest ops a newly loaded sequencer publishes again. */
  static final int REPUBLISH_ON_LOAD = 32;

  /**
   * A previous owner may have died between its commit and its publish: the latest ops of the log
   * are published again when a document is loaded (clients drop revisions they already have), so
   * no client waits for the next edit to notice a gap.
   */
  private void republishRecent() {
    int skip = Math.max(0, window.size() - REPUBLISH_ON_LOAD);
    window.stream().skip(skip).forEach(e -> listener.committed(docId, e.event()));
  }

  private Future<Void> publishRecovered(long known) {
    if (committedRev <= known) {
      return Future.succeededFuture();
    }
    return store.range(docId, known, committedRev, (int) Math.min(MAX_CATCHUP * 10L, committedRev - known))
        .map(list -> {
          list.forEach(e -> listener.committed(docId, e));
          return null;
        });
  }

  private Future<Void> saveSnapshot() {
    snapshotting = true;
    long rev = committedRev;
    return store.saveSnapshot(docId, rev, DeltaJson.toJson(doc.toDelta()))
        .onSuccess(v -> snapshotRev = Math.max(snapshotRev, rev))
        .onFailure(err -> LOG.warn("Snapshot of {} at rev {} failed: {}", docId, rev, err.getMessage()))
        .eventually(() -> {
          snapshotting = false;
          return Future.succeededFuture();
        });
  }

  /** A bound of the op's JSON size (every character as a 6-byte escape, generous per-component overhead). */
  private static long encodedSizeBound(Delta op) {
    long bytes = 2;
    for (io.verso.delta.Op o : op.ops()) {
      bytes += 64;
      if (o instanceof io.verso.delta.Insert ins) {
        bytes += 6L * (ins.text() != null ? ins.text().length() : String.valueOf(ins.embed()).length());
      }
      if (o.attributes() != null) {
        bytes += 6L * o.attributes().toString().length();
      }
    }
    return bytes;
  }

  private static void failAll(List<Pending> all, RuntimeException error) {
    for (Pending p : all) {
      p.reply().tryFail(error);
    }
  }
}
