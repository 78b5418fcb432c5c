package io.verso.edit;

import io.verso.runtime.Bus;
import io.verso.runtime.DocLog;
import io.verso.runtime.Failures;
import io.verso.protocol.ErrorCode;
import io.verso.protocol.Addresses;
import io.verso.runtime.SharedJson;
import io.verso.protocol.doc.OpEvent;
import io.verso.edit.comments.CommentRoom;
import io.verso.edit.comments.CommentStorage;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The documents one edit-service instance hosts: activation (claim through {@link Ownership}, or
 * forward to the live owner), one {@code doc.<docId>} consumer per hosted sequencer, unloading
 * (idle, stop, step-down) and publishing committed ops; beside each sequencer, its document's
 * {@link CommentRoom}, which hears every committed op. Not thread-safe: the verticle's event loop.
 */
final class DocHost implements Sequencer.Listener {
  private static final Logger LOG = LoggerFactory.getLogger(DocHost.class);

  private record Hosted(Sequencer sequencer, CommentRoom room, MessageConsumer<Object> consumer, Future<String> ready) {}

  private final String nodeId;
  /** Events are built for the publication and only read by their consumers: shared, not copied. */
  /** Forwards to a silent owner before giving up: 6 × a third of the lease (12 s by default). */
  private static final int FORWARD_ROUNDS = 6;
  private static final DeliveryOptions PUBLISH = SharedJson.options(new DeliveryOptions());
  private final EventBus bus;
  private final EditConfig config;
  private final DocStore store;
  private final Ownership ownership;
  private final DocEndpoint endpoint;
  private final CommentStorage comments;
  private final Map<String, Hosted> docs = new HashMap<>();
  private final Map<String, Future<String>> activating = new HashMap<>();

  DocHost(String nodeId, EventBus bus, EditConfig config, DocStore store, CommentStorage comments,
      Ownership ownership, DocEndpoint endpoint) {
    this.comments = comments;
    this.nodeId = nodeId;
    this.bus = bus;
    SharedJson.register(bus);
    this.config = config;
    this.store = store;
    this.ownership = ownership;
    this.endpoint = endpoint;
  }

  /** Makes sure the document is served: here if this node may own it, else by its live owner; answers the owner. */
  Future<String> activate(String docId, boolean mayForward) {
    Hosted h = docs.get(docId);
    if (h != null) {
      switch (h.sequencer().state()) {
        case LOADING, ACTIVE -> {
          return h.ready();
        }
        case DRAINING -> {
          // wait until it is gone, then activate afresh
          return h.sequencer().drain().compose(v -> {
            unhost(docId, h.sequencer());
            return activate(docId, mayForward);
          });
        }
        default -> unhost(docId, h.sequencer()); // closed: forget it and activate afresh
      }
    }
    // Concurrent activations of one document (many clients at once after a failover) share one claim:
    // two claims both winning on this node would host two sequencers.
    Future<String> pending = activating.get(docId);
    if (pending != null) {
      return pending;
    }
    Promise<String> claimed = Promise.promise();
    activating.put(docId, claimed.future());
    claimed.future().onComplete(ar -> activating.remove(docId, claimed.future()));
    ownership.claim(docId).compose(owner -> {
      if (owner.equals(nodeId)) {
        return hostHere(docId);
      }
      return mayForward ? forward(docId, owner, 1) : Future.succeededFuture(owner);
    }).onComplete(claimed);
    return claimed.future();
  }

  private Future<String> hostHere(String docId) {
    Hosted now = docs.get(docId);
    return now != null ? now.ready() : host(docId);
  }

  /**
   * Asks the owner's node to serve the document. An owner silent for a third of its lease may have
   * died with the lease still running, so this claims again rather than wait out one long timeout:
   * once the lease has run out this node takes over. (Waiting 2 × the storage timeout held every
   * activation of the document on this node 10 s after a node was killed, though its lease ran out
   * after 6.) A live owner still loading a large document is simply asked again.
   */
  private Future<String> forward(String docId, String owner, int round) {
    return Bus.request(bus, Addresses.editNode(owner), new JsonObject().put("docId", docId),
            new DeliveryOptions().setSendTimeout(Math.max(1, config.leaseMs() / 3)))
        .map(reply -> reply.getString("owner"))
        .recover(err -> round >= FORWARD_ROUNDS || Failures.codeOf(err) != ErrorCode.UNAVAILABLE
            ? Future.failedFuture(err)
            : ownership.claim(docId).compose(next -> next.equals(nodeId) ? hostHere(docId) : forward(docId, next, round + 1)));
  }

  private Future<String> host(String docId) {
    Sequencer sequencer = new Sequencer(docId, store, config, this);
    CommentRoom room = commentRoom(docId, sequencer);
    MessageConsumer<Object> consumer = bus.consumer(Addresses.doc(docId));
    consumer.handler(msg -> endpoint.handle(sequencer, room, msg));
    // Activation answers once the consumer is registered everywhere AND the document is loaded, so a
    // failed load (NOT_FOUND, storage down) reaches the caller instead of a vanishing handler.
    Future<Void> loaded = sequencer.load()
        .onSuccess(v -> {
          room.load(sequencer.committedRev(), sequencer.committedLength());
          announce(docId, "active");
        })
        .onFailure(err -> {
          DocLog.with(docId, () -> LOG.warn("Loading {} failed: {}", docId, err.getMessage()));
          unhost(docId, sequencer);
        });
    Future<String> ready = Future.all(consumer.completion(), loaded).map(nodeId);
    docs.put(docId, new Hosted(sequencer, room, consumer, ready));
    return ready;
  }

  /** The document's comments, moved by its committed ops and published with them; read back through its catch-up. */
  private CommentRoom commentRoom(String docId, Sequencer sequencer) {
    return new CommentRoom(docId, comments,
        from -> sequencer.catchup(from).map(r -> new CommentRoom.OpSource.Page(r.events(), r.more())),
        event -> bus.publish(Addresses.docEvents(docId), event, PUBLISH),
        config.commentsPerSecond(), config.commentsBurst());
  }

  private void unhost(String docId, Sequencer sequencer) {
    Hosted h = docs.get(docId);
    if (h != null && h.sequencer() == sequencer) {
      docs.remove(docId);
      h.consumer().unregister();
      h.room().close();
      ownership.release(docId);
      announce(docId, "unloaded");
    }
  }

  /** Tells the cluster where a document is served ({@code verso.edit.ownership}, informational). */
  private void announce(String docId, String state) {
    bus.publish(Addresses.EDIT_OWNERSHIP, new JsonObject().put("docId", docId).put("nodeId", nodeId).put("state", state));
  }

  /** Unregisters first (new requests find another sequencer), lets commits in flight finish, snapshots. */
  Future<Void> unload(String docId) {
    Hosted h = docs.get(docId);
    if (h == null) {
      return Future.succeededFuture();
    }
    return h.consumer().unregister()
        .eventually(() -> h.sequencer().drain())
        .eventually(() -> h.room().close())
        .eventually(() -> {
          unhost(docId, h.sequencer());
          return Future.succeededFuture();
        });
  }

  Future<Void> unloadAll() {
    List<Future<Void>> drains = new ArrayList<>();
    for (String docId : new ArrayList<>(docs.keySet())) {
      drains.add(unload(docId));
    }
    return Future.join(drains).mapEmpty();
  }

  /** Housekeeping; unloads documents without requests for {@code edit.idleUnloadMs} and nothing in flight. */
  void unloadIdle() {
    long now = System.nanoTime();
    for (Map.Entry<String, Hosted> e : new ArrayList<>(docs.entrySet())) {
      Sequencer s = e.getValue().sequencer();
      s.maintain(now);
      e.getValue().room().maintain(now);
      if (s.state() == Sequencer.State.ACTIVE && !s.busy() && s.idleNanos(now) > config.idleUnloadMs() * 1_000_000L) {
        DocLog.with(e.getKey(), () -> LOG.debug("Unloading idle document {}", e.getKey()));
        unload(e.getKey());
      }
    }
  }

  JsonArray status() {
    JsonArray list = new JsonArray();
    docs.forEach((docId, h) -> list.add(new JsonObject().put("docId", docId)
        .put("state", h.sequencer().state().name()).put("rev", h.sequencer().committedRev())));
    return list;
  }

  @Override
  public void committed(String docId, OpEvent event) {
    bus.publish(Addresses.docEvents(docId), event.toJson(), PUBLISH);
    Hosted h = docs.get(docId);
    if (h != null) {
      h.room().committed(event);
    }
  }

  @Override
  public void steppedDown(String docId, String reason) {
    Hosted h = docs.get(docId);
    if (h != null && h.sequencer().state() == Sequencer.State.CLOSED) {
      unhost(docId, h.sequencer());
    }
  }

  /** How many documents this node sequences now. */
  int hostedCount() {
    return docs.size();
  }
}
