package io.verso.client;

import io.verso.delta.Delta;
import io.verso.protocol.Addresses;
import io.verso.protocol.DeltaJson;
import io.verso.runtime.Failures;
import io.verso.protocol.doc.OpEvent;
import io.verso.protocol.doc.SubmitRequest;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * One editor of one document over a {@link BridgeClient}: the same OT client the browser runs
 * ({@link ClientState}: one op in flight, a buffer behind it), fed by {@code doc.<id>.events}, with
 * catch-up on gaps and resend of the in-flight op (same clientId and seq) after a retryable failure.
 * Must be used from the Vert.x context that created the bridge client.
 */
public final class BridgeEditor {
  private final Vertx vertx;
  private BridgeClient bridge;
  private final String docId;
  private final String clientId;
  private final List<JsonObject> early = new ArrayList<>();
  private ClientState state;
  private boolean catchingUp;
  private long catchUpStartedNanos;
  private String lastCatchUp = "none yet";
  private long inFlightSentAt;
  /** When the in-flight op was last sent (first send or resend). */
  private long lastSendNanos;
  /** This editor's ops acknowledged by their live event, and by a catch-up (their event missed this socket). */
  private long acksLive;
  private long acksByCatchUp;
  /** When a catch-up was last asked for because the in-flight op went unacknowledged. */
  private long lastStallCheckNanos;
  /** Where the bridge answers this editor's submits: failures and duplicates only (acknowledged by the event). */
  private final String submitReplies;
  private Throwable fatal;
  private long lastEventNanos = System.nanoTime();
  /** Every STALLED_CATCHUP_MS: resend, catch up for a stalled op, or catch up after an idle spell. */
  private long watchTimer = -1;
  /** With nothing received for this long while idle, the editor asks for anything it missed. */
  static final long IDLE_CATCHUP_MS = 3_000;
  /**
   * An op in flight for this long without its event or a failure: the editor catches up (which
   * acknowledges it if it was committed and its event did not reach this socket), then again every
   * this long while it stays unacknowledged.
   */
  static final long STALLED_CATCHUP_MS = 1_000;
  /** How long after a failed registration the editor registers again. */
  static final long REGISTER_RETRY_MS = 250;
  private long registrationRetries;
  private BiConsumer<Long, Long> ackListener = (seq, nanos) -> { };
  private BiConsumer<OpEvent, Delta> remoteListener = (e, d) -> { };
  private Consumer<SubmitRequest> submitListener = r -> { };

  public BridgeEditor(Vertx vertx, BridgeClient bridge, String docId, String clientId) {
    this.vertx = vertx;
    this.bridge = bridge;
    this.docId = docId;
    this.clientId = clientId;
    this.submitReplies = "submit." + clientId;
  }

  /** Called with (seq, nanoseconds from submit to acknowledgement) for each own op. */
  public BridgeEditor onAck(BiConsumer<Long, Long> listener) {
    this.ackListener = listener;
    return this;
  }

  /** Called with each remote op's event and the change it made to the local document. */
  public BridgeEditor onRemote(BiConsumer<OpEvent, Delta> listener) {
    this.remoteListener = listener;
    return this;
  }

  /** Called with each new op this editor submits (not with resends). */
  public BridgeEditor onSubmit(Consumer<SubmitRequest> listener) {
    this.submitListener = listener;
    return this;
  }

  /** Subscribes to the document's events, then opens it; completes with the open reply. */
  public Future<JsonObject> open() {
    listen(bridge);
    return bridge.request(Addresses.doc(docId), new JsonObject().put("action", "open")).map(reply -> {
      state = new ClientState(clientId, reply.getLong("rev"), DeltaJson.fromJson(reply.getJsonArray("content")));
      List<JsonObject> queued = new ArrayList<>(early);
      early.clear();
      queued.forEach(this::onEvent);
      watchTimer = vertx.setPeriodic(STALLED_CATCHUP_MS, id -> {
        long now = System.nanoTime();
        if (state.hasInFlight() && now - lastSendNanos > BridgeClient.DEFAULT_REQUEST_TIMEOUT_MS * 1_000_000L) {
          lastSendNanos = now;
          resync(bridge); // neither its event nor a failure came: catch up, then resend (a duplicate is answered)
        } else if (state.hasInFlight() && now - Math.max(lastSendNanos, lastStallCheckNanos) > STALLED_CATCHUP_MS * 1_000_000L) {
          lastStallCheckNanos = now;
          catchUp(); // committed but its event missed this socket, or still waiting: the catch-up tells
        } else if (now - lastEventNanos > IDLE_CATCHUP_MS * 1_000_000L) {
          lastEventNanos = now;
          catchUp(); // an op whose publication was lost (its sequencer died) shows up here
        }
      });
      return reply;
    });
  }

  /**
   * Registers for the document's events on {@code on} and takes the answers to this editor's submits.
   * A registration the bridge fails (e.g. its role lookup timed out while a node was failing) is
   * tried again after a moment, then followed by a catch-up: without it this editor would hear of
   * ops only through catch-ups. A refusal (no access) ends the editor like any fatal failure.
   */
  private void listen(BridgeClient on) {
    on.register(Addresses.docEvents(docId), this::onEvent, failure -> {
      if (Failures.codeOf(failure).fatal()) {
        fatal = failure;
      } else {
        registrationRetries++;
        vertx.setTimer(REGISTER_RETRY_MS, t -> {
          if (on == bridge && fatal == null && !on.closeFuture().isComplete()) {
            listen(on);
            catchUp();
          }
        });
      }
    });
    on.listen(submitReplies, this::onSubmitReply, this::onSubmitFailure);
  }

  /** A local edit: applied at once to the local document, sent when nothing is in flight. */
  public void edit(Delta change) {
    state.applyLocal(change);
    pump();
  }

  /** The local document (a copy, built on each call). */
  public Delta document() {
    return state.document();
  }

  /** The local document's text (embeds as U+FFFC), cheaper than {@link #document()}. */
  public String text() {
    return state.text();
  }

  public int length() {
    return state.length();
  }

  public long rev() {
    return state.rev();
  }

  public boolean synced() {
    return state.synced();
  }

  public ClientState state() {
    return state;
  }

  /** Stops the idle catch-up timer (the bridge connection is the caller's to close). */
  public void close() {
    vertx.cancelTimer(watchTimer);
  }

  /** What this editor is doing, for a test's or a tool's failure message. */
  public String diagnostics() {
    long now = System.nanoTime();
    SubmitRequest inFlight = state == null ? null : state.inFlightSubmit();
    return "rev " + (state == null ? "-" : state.rev())
        + (inFlight == null ? ", nothing in flight" : ", in flight seq " + inFlight.seq() + " on baseRev " + inFlight.baseRev()
            + " sent " + (now - inFlightSentAt) / 1_000_000 + " ms ago")
        + (state != null && state.synced() ? "" : ", not synced")
        + ", last event " + (now - lastEventNanos) / 1_000_000 + " ms ago"
        + (catchingUp ? ", catching up for " + (now - catchUpStartedNanos) / 1_000_000 + " ms" : "")
        + ", last catch-up " + lastCatchUp + ", acks " + acksLive + " live / " + acksByCatchUp + " by catch-up"
        + (registrationRetries == 0 ? "" : ", " + registrationRetries + " registrations retried")
        + ", bridge " + (bridge.closeFuture().isComplete() ? "closed" : "open") + " with " + bridge.pendingRequests()
        + " pending requests" + (fatal == null ? "" : ", failed: " + fatal.getMessage());
  }

  /** This editor's ops acknowledged by a catch-up instead of their live event (their event missed this socket). */
  public long acksByCatchUp() {
    return acksByCatchUp;
  }

  /** A non-retryable failure seen by this editor (e.g. 403 for a viewer), or null. */
  public Throwable failure() {
    return fatal;
  }

  private void pump() {
    if (fatal != null || state.hasInFlight()) {
      return;
    }
    SubmitRequest next = state.takeNextSubmit();
    if (next != null) {
      inFlightSentAt = System.nanoTime();
      submitListener.accept(next);
      submit(next);
    }
  }

  /**
   * Sends the in-flight op, acknowledged by its own event ({@code "ack":"event"}): the bridge answers
   * only failures and duplicates, to this editor's reply address.
   */
  private void submit(SubmitRequest req) {
    lastSendNanos = System.nanoTime();
    bridge.send(Addresses.doc(docId), req.toJson().put("action", "submit").put("ack", "event"), submitReplies);
  }

  /** A duplicate's answer (a resend of an op already committed): its event is due, or was missed. */
  private void onSubmitReply(JsonObject reply) {
    long rev = reply.getLong("rev", 0L);
    if (state != null && rev > state.rev()) {
      vertx.setTimer(250, t -> {
        if (state.rev() < rev) {
          catchUp();
        }
      });
    }
  }

  private void onSubmitFailure(Throwable failure) {
    if (Failures.codeOf(failure).fatal()) {
      fatal = failure;
      return;
    }
    SubmitRequest failed = state == null ? null : state.inFlightSubmit();
    if (failed == null) {
      return; // acknowledged meanwhile
    }
    // retryable (503, 429): resend the same (clientId, seq) unless it was acknowledged meanwhile
    vertx.setTimer(200, t -> {
      SubmitRequest again = state.inFlightSubmit();
      if (again != null && again.seq() == failed.seq()) {
        submit(again);
      }
    });
  }

  /** Registered handler of the document's events; the socket-level extensions ({@code role}, {@code title}) are not ops. */
  private void onEvent(JsonObject json) {
    if (!"op".equals(json.getString("type", "op"))) {
      return;
    }
    if (handle(json)) {
      acksLive++;
    }
  }

  /** Applies an event (live or from a catch-up); true when it acknowledged this editor's op. */
  private boolean handle(JsonObject json) {
    if (state == null) {
      early.add(json);
      return false;
    }
    lastEventNanos = System.nanoTime();
    OpEvent event = OpEvent.fromJson(json);
    switch (state.receive(event)) {
      case ACK -> {
        ackListener.accept(event.seq(), System.nanoTime() - inFlightSentAt);
        pump();
        return true;
      }
      case REMOTE -> remoteListener.accept(event, state.lastRemoteChange());
      case GAP -> catchUp();
      case ALREADY_SEEN -> { }
    }
    return false;
  }

  /**
   * Continues on a new connection (e.g. to another node after this one's node went away): listens
   * again, catches up from the local revision, then resends the in-flight op with its original
   * (clientId, seq) — the server answers a duplicate with the original revision, so nothing is
   * applied twice.
   */
  public Future<Void> reconnect(BridgeClient newBridge) {
    this.bridge = newBridge;
    listen(newBridge);
    return resync(newBridge);
  }

  /** Catch-up until it succeeds (the document may be changing owner), then resend or go on. */
  private Future<Void> resync(BridgeClient on) {
    if (on != bridge || fatal != null) {
      return Future.succeededFuture(); // superseded by a newer connection, or given up
    }
    return catchUp().transform(ar -> {
      if (ar.failed()) {
        if (Failures.codeOf(ar.cause()).fatal()) {
          fatal = ar.cause();
          return Future.failedFuture(ar.cause());
        }
        io.vertx.core.Promise<Void> retry = io.vertx.core.Promise.promise();
        vertx.setTimer(200, t -> resync(on).onComplete(retry));
        return retry.future();
      }
      SubmitRequest again = state.inFlightSubmit();
      if (again != null) {
        submit(again);
      } else {
        pump();
      }
      return Future.succeededFuture();
    });
  }

  /** Fetches and applies every op after the local revision. */
  public Future<Void> catchUp() {
    if (catchingUp || state == null) {
      return Future.succeededFuture(); // not open yet: the open's answer brings the document
    }
    catchingUp = true;
    catchUpStartedNanos = System.nanoTime();
    long from = state.rev();
    Future<JsonObject> asked;
    try {
      asked = bridge.request(Addresses.doc(docId), new JsonObject().put("action", "catchup").put("fromRev", from));
    } catch (RuntimeException e) {
      asked = Future.failedFuture(e); // never leave catchingUp set: no catch-up would ever run again
    }
    return asked
        .map(reply -> {
          JsonArray events = reply.getJsonArray("events", new JsonArray());
          for (int i = 0; i < events.size(); i++) {
            if (handle(events.getJsonObject(i))) {
              acksByCatchUp++;
            }
          }
          return reply.getBoolean("more", false) && !events.isEmpty();
        })
        .onComplete(ar -> lastCatchUp = "from rev " + from + (ar.succeeded() ? " ok" : " failed: " + ar.cause().getMessage()))
        .eventually(() -> {
          catchingUp = false;
          return Future.succeededFuture();
        })
        // one answer holds at most 1,000 ops: go on to the head, or a resent op would be based too far behind
        .compose(more -> more ? catchUp() : Future.<Void>succeededFuture());
  }
}
