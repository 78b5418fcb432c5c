package io.verso.edit;

import io.verso.delta.Delta;
import io.verso.protocol.Addresses;
import io.verso.protocol.DeltaJson;
import io.verso.runtime.DocumentClient;
import io.verso.protocol.ErrorCode;
import io.verso.runtime.Failures;
import io.verso.protocol.doc.OpEvent;
import io.verso.protocol.doc.SubmitRequest;
import io.verso.client.ClientState;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * A document client over the event bus that runs the real client algorithm ({@link ClientState}):
 * events are the acknowledgement, gaps are filled by catchup, failed submits are resent with the
 * same (clientId, seq). All methods run on the event loop of the Vert.x instance it lives on.
 */
final class TestClient {
  final Vertx vertx;
  final String docId;
  final String userId;
  final String role;
  final String clientId = UUID.randomUUID().toString().replace("-", "");
  private final DocumentClient docs;
  private final DeliveryOptions options;
  private ClientState state;
  private MessageConsumer<JsonObject> events;
  private final ArrayDeque<OpEvent> held = new ArrayDeque<>();
  private boolean catchingUp;
  private boolean requestOutstanding;
  final Set<Long> acknowledgedSeqs = new HashSet<>();
  final List<Throwable> fatalErrors = new ArrayList<>();
  int resends;
  int gaps;

  TestClient(Vertx vertx, String docId, String userId, String role) {
    this.vertx = vertx;
    this.docId = docId;
    this.userId = userId;
    this.role = role;
    this.docs = new DocumentClient(vertx);
    this.options = new DeliveryOptions().setSendTimeout(5_000)
        .addHeader(Addresses.HEADER_USER_ID, userId).addHeader(Addresses.HEADER_ROLE, role);
  }

  /** Subscribes to the events, then opens the document. */
  Future<Void> open() {
    events = vertx.eventBus().consumer(Addresses.docEvents(docId));
    // comment events share the address; like every client, this one takes only ops from it
    events.handler(m -> {
      if ("op".equals(m.body().getString("type", "op"))) {
        onEvent(OpEvent.fromJson(m.body()));
      }
    });
    return events.completion()
        .compose(v -> request(new JsonObject().put("action", "open")))
        .map(reply -> {
          state = new ClientState(clientId, reply.getLong("rev"), DeltaJson.fromJson(reply.getJsonArray("content")));
          drainHeld();
          return null;
        });
  }

  Future<Void> close() {
    return events == null ? Future.succeededFuture() : events.unregister();
  }

  ClientState state() {
    return state;
  }

  Future<JsonObject> request(JsonObject body) {
    return docs.request(docId, body, options).map(m -> (JsonObject) m.body());
  }

  /** A local edit: applied at once, sent when nothing is in flight. */
  void edit(Delta change) {
    state.applyLocal(change);
    trySend();
  }

  private void onEvent(OpEvent e) {
    if (state == null || catchingUp) {
      held.addLast(e);
      return;
    }
    receive(e);
  }

  private void receive(OpEvent e) {
    switch (state.receive(e)) {
      case GAP -> {
        gaps++;
        held.addFirst(e);
        catchup();
      }
      case ACK -> {
        acknowledgedSeqs.add(e.seq());
        trySend();
      }
      default -> { }
    }
  }

  private void drainHeld() {
    while (!held.isEmpty() && !catchingUp) {
      receive(held.pollFirst());
    }
  }

  /** Fetches the ops after the current revision, then the held events. */
  Future<Void> catchup() {
    if (catchingUp) {
      return Future.succeededFuture();
    }
    catchingUp = true;
    Promise<Void> done = Promise.promise();
    request(new JsonObject().put("action", "catchup").put("fromRev", state.rev()))
        .onComplete(ar -> {
          catchingUp = false;
          if (ar.succeeded()) {
            JsonArray list = ar.result().getJsonArray("events");
            for (Object o : list) {
              OpEvent e = OpEvent.fromJson((JsonObject) o);
              if (state.receive(e) == ClientState.Received.ACK) {
                acknowledgedSeqs.add(e.seq());
              }
            }
            drainHeld();
            trySend();
            if (ar.result().getBoolean("more", false)) {
              catchup().onComplete(done);
              return;
            }
            done.complete();
          } else {
            vertx.setTimer(100, id -> catchup());
            done.fail(ar.cause());
          }
        });
    return done.future();
  }

  private void trySend() {
    if (requestOutstanding || state.hasInFlight()) {
      return;
    }
    SubmitRequest s = state.takeNextSubmit();
    if (s != null) {
      send(s);
    }
  }

  private void send(SubmitRequest s) {
    requestOutstanding = true;
    request(s.toJson()).onComplete(ar -> {
      requestOutstanding = false;
      if (ar.succeeded()) {
        long rev = ar.result().getLong("rev");
        if (state.hasInFlight() && state.rev() < rev) {
          // Committed, but its event has not arrived (yet, or ever: a publish lost with its node).
          vertx.setTimer(200, id -> {
            if (state.rev() < rev) {
              catchup();
            }
          });
        }
        trySend();
        return;
      }
      ErrorCode code = Failures.codeOf(ar.cause());
      if (code.fatal()) {
        fatalErrors.add(ar.cause());
        return;
      }
      resends++;
      vertx.setTimer(20 + (long) (Math.random() * 80), id -> {
        SubmitRequest again = state.inFlightSubmit();
        if (again != null && !requestOutstanding) {
          send(again);
        }
      });
    });
  }

  boolean idle() {
    return state != null && state.synced() && !requestOutstanding && !catchingUp;
  }
}
