package io.verso.bench.storm;

import io.verso.bench.Contexts;
import io.verso.bench.load.LoadGen;
import io.verso.client.BridgeClient;
import io.verso.client.BridgeEditor;
import io.verso.delta.Delta;
import io.verso.protocol.doc.OpEvent;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.Random;

/**
 * One browser tab in the storm: the frames the app sends over the raw WebSocket endpoint (no
 * {@code ?batch=true}) — the document's events and its presence registered, the document opened (or,
 * after a reconnect, caught up and the in-flight op resent), presence listed and its cursor sent, a
 * keystroke and a cursor update every period, a presence heartbeat every 20 s — and the app's
 * reconnect policy ({@link BrowserBackoff}) through the load balancer ({@link Fleet#pickNode()}).
 * Used from its context only; the times are read by the storm's thread.
 */
final class StormClient {
  /** What the storm provides to its clients. */
  interface Fleet {
    /** The node a new connection goes to (the load balancer's choice), from 0. */
    int pickNode();

    int httpPort(int node);

    void opened(int node);

    void closed(int node);

    /** A connection attempt failed, or the server closed a socket with a reason. */
    void refused(String why);

    /** A remote op's event reached {@code receiver}. */
    void delivered(StormClient receiver, OpEvent event);
  }

  /** presence-view.js HEARTBEAT_MS. */
  static final long PRESENCE_HEARTBEAT_MS = 20_000;

  final int index;
  final int docIndex;
  final String docId;
  final String clientId;
  /** Which of the document's lines this person types at. */
  final int line;
  final int lines;
  final Context ctx;
  private final Vertx vertx;
  private final String cookie;
  private final Fleet fleet;
  private final BrowserBackoff backoff;
  private final String presenceId;
  final LoadGen.SubmitTimes submitTimes = new LoadGen.SubmitTimes();

  BridgeClient socket;
  BridgeEditor editor;
  /** The node of the first connection, and of the current one. */
  volatile int firstNode = -1;
  volatile int node = -1;
  volatile boolean stopped;
  /** The kill's time (nanoTime) once this client's node was killed: from then on it measures its recovery. */
  volatile long hitAt;
  volatile long reopenedAt;
  volatile long caughtUpAt;
  volatile long ackedAt;
  volatile int reconnectAttempts;
  volatile long maxAckedSeq;
  volatile boolean open;

  StormClient(Vertx vertx, Context ctx, int index, int docIndex, String docId, int line, int lines, String cookie,
      Fleet fleet, long seed) {
    this.vertx = vertx;
    this.ctx = ctx;
    this.index = index;
    this.docIndex = docIndex;
    this.docId = docId;
    this.line = line;
    this.lines = lines;
    this.cookie = cookie;
    this.fleet = fleet;
    Random random = new Random(seed);
    this.backoff = new BrowserBackoff(random);
    this.clientId = "storm-" + index + "-" + Long.toHexString(random.nextLong());
    this.presenceId = "p-" + Long.toHexString(random.nextLong());
  }

  /** The first connection, to {@code node}. */
  Future<Void> start(int node) {
    return Contexts.on(ctx, () -> connect(node).compose(sock -> {
      firstNode = node;
      editor = new BridgeEditor(vertx, sock, docId, clientId);
      editor.onSubmit(req -> submitTimes.put(req.seq(), System.nanoTime()));
      editor.onAck((seq, nanos) -> {
        maxAckedSeq = Math.max(maxAckedSeq, seq);
        if (reopenedAt != 0 && ackedAt == 0) {
          ackedAt = System.nanoTime();
        }
      });
      editor.onRemote((event, change) -> fleet.delivered(this, event));
      return openRetrying(10).compose(reply -> {
        if (line == 0 && editor.length() == 1) {
          editor.edit(Delta.builder().insert("line\n".repeat(lines)).build());
        }
        backoff.answered();
        presenceSynced();
        vertx.setPeriodic(PRESENCE_HEARTBEAT_MS, t -> {
          if (open) {
            socket.send(presence(), new JsonObject().put("action", "heartbeat").put("clientId", presenceId));
          }
        });
        return Future.<Void>succeededFuture();
      });
    }));
  }

  /** Opens the document; a passing failure (a cold cluster's storage timing out) is tried again. */
  private Future<JsonObject> openRetrying(int attempts) {
    return editor.open().recover(err -> {
      if (attempts <= 1 || io.verso.runtime.Failures.codeOf(err).fatal()) {
        return Future.failedFuture(err);
      }
      io.vertx.core.Promise<JsonObject> again = io.vertx.core.Promise.promise();
      vertx.setTimer(500, t -> openRetrying(attempts - 1).onComplete(again));
      return again.future();
    });
  }

  private String presence() {
    return "presence." + docId;
  }

  /** A socket to {@code node}, with the presence registration and the close watch; counted by the fleet. */
  private Future<BridgeClient> connect(int node) {
    return BridgeClient.webSocket(vertx, "127.0.0.1", fleet.httpPort(node), cookie, false)
        .onFailure(err -> fleet.refused("connect: " + err.getMessage()))
        .map(sock -> {
          socket = sock;
          this.node = node;
          open = true;
          fleet.opened(node);
          sock.register(presence() + ".events", m -> { });
          sock.closeFuture().onComplete(v -> {
            open = false;
            fleet.closed(node);
            if (sock.lastError() != null) {
              fleet.refused("closed by the server: " + sock.lastError().getMessage());
            }
            if (!stopped && socket == sock) {
              reconnectLater();
            }
          });
          return sock;
        });
  }

  /** connection.js scheduleReconnect: backoff, then a new socket wherever the load balancer sends it. */
  private void reconnectLater() {
    vertx.setTimer(Math.max(1, backoff.nextDelayMs()), t -> {
      if (stopped) {
        return;
      }
      reconnectAttempts++;
      connect(fleet.pickNode()).onFailure(err -> reconnectLater()).onSuccess(sock -> {
        if (hitAt != 0 && reopenedAt == 0) {
          reopenedAt = System.nanoTime();
        }
        editor.reconnect(sock).onSuccess(v -> {
          if (socket != sock) {
            return;
          }
          if (hitAt != 0 && caughtUpAt == 0) {
            caughtUpAt = System.nanoTime();
          }
          backoff.answered(); // the catch-up was answered
          presenceSynced();
          if (hitAt != 0 && editor.synced()) {
            keystroke(); // nothing was waiting: a write now, so that "acknowledged again" does not wait for the typing period
          }
        });
      });
    });
  }

  /** presence-view.js synced(): who is here, and where this page's cursor is. */
  private void presenceSynced() {
    socket.request(presence(), new JsonObject().put("action", "list")).onFailure(err -> { });
    sendCursor();
  }

  private void sendCursor() {
    if (open) {
      socket.send(presence(), new JsonObject().put("action", "update").put("clientId", presenceId)
          .put("rev", editor.rev()).put("selection", new JsonObject().put("index", Math.max(0, editor.length() - 1))
              .put("length", 0)));
    }
  }

  /** One keystroke at the end of this person's line, and the cursor after it (typing goes on offline). */
  void keystroke() {
    if (editor == null || stopped || editor.failure() != null) {
      return;
    }
    int at = lineEnd(editor.text(), line);
    if (at < 0) {
      return; // the lines are not there yet
    }
    editor.edit(Delta.builder().retain(at).insert("k").build());
    sendCursor();
  }

  /** The index of the newline ending line {@code line}, or -1. */
  static int lineEnd(String s, int line) {
    int at = -1;
    for (int i = 0; i <= line; i++) {
      at = s.indexOf('\n', at + 1);
      if (at < 0) {
        return -1;
      }
    }
    return at;
  }

  /** The kill hit this client's node: its recovery is measured from {@code at}. */
  void hit(long at) {
    hitAt = at;
  }
}
