package io.verso.edit;

import io.verso.protocol.Addresses;
import io.verso.protocol.ErrorCode;
import io.verso.protocol.Failures;
import io.verso.protocol.storage.Fields;
import io.verso.protocol.doc.DocAction;
import io.verso.protocol.doc.OpEvent;
import io.verso.protocol.storage.Role;
import io.verso.protocol.doc.SubmitRequest;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * edit-service: hosts the sequencers of the documents this instance owns, each on its own
 * {@code doc.<docId>} consumer, and activates documents on demand ({@code verso.edit.activate},
 * load-balanced; {@code verso.edit.node.<nodeId>}, direct).
 */
public final class EditVerticle extends VerticleBase implements Sequencer.Listener {
  private static final Logger LOG = LoggerFactory.getLogger(EditVerticle.class);

  private record Hosted(Sequencer sequencer, MessageConsumer<Object> consumer, Future<String> ready) {}

  private final String nodeId = UUID.randomUUID().toString();
  private final Map<String, Hosted> docs = new HashMap<>();
  private final Map<String, Future<String>> activating = new HashMap<>();
  private EditConfig config;
  private DocStore store;
  private Ownership ownership;
  private EventBus bus;

  @Override
  public Future<?> start() {
    config = EditConfig.from(config());
    bus = vertx.eventBus();
    store = new EventBusDocStore(bus, config.storageTimeoutMs());
    ownership = new Ownership(vertx, nodeId, config.leaseMs());
    return ownership.start().compose(v -> Future.all(
            bus.consumer(Addresses.EDIT_ACTIVATE, this::onActivate).completion(),
            bus.consumer(Addresses.editNode(nodeId), this::onActivate).completion(),
            bus.consumer(Addresses.EDIT_STATUS, this::onStatus).completion()))
        .onSuccess(v -> vertx.setPeriodic(Math.max(100, Math.min(5_000, config.idleUnloadMs() / 4)),
            id -> unloadIdle()));
  }

  @Override
  public Future<?> stop() {
    List<Future<Void>> drains = new ArrayList<>();
    for (String docId : new ArrayList<>(docs.keySet())) {
      drains.add(unload(docId));
    }
    return Future.join(drains).eventually(() -> ownership.stop());
  }

  public String nodeId() {
    return nodeId;
  }

  // ---------------------------------------------------------------- activation

  private void onActivate(Message<Object> msg) {
    Future.succeededFuture(msg.body())
        .compose(body -> activate(Fields.docId(Fields.body(body), "docId"),
            msg.address().equals(Addresses.EDIT_ACTIVATE)))
        .onSuccess(owner -> msg.reply(new JsonObject().put("owner", owner)))
        .onFailure(err -> Failures.fail(msg, err));
  }

  /** Makes sure the document is served: here if this node may own it, else by its live owner. */
  private Future<String> activate(String docId, boolean mayForward) {
    Hosted h = docs.get(docId);
    if (h != null) {
      Sequencer.State s = h.sequencer().state();
      if (s == Sequencer.State.LOADING || s == Sequencer.State.ACTIVE) {
        return h.ready();
      }
      // Draining or closed: wait until it is gone, then activate afresh.
      return h.sequencer().drain().compose(v -> activate(docId, mayForward));
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
        Hosted now = docs.get(docId);
        return now != null ? now.ready() : host(docId);
      }
      if (!mayForward) {
        return Future.succeededFuture(owner);
      }
      return bus.<JsonObject>request(Addresses.editNode(owner), new JsonObject().put("docId", docId),
              new DeliveryOptions().setSendTimeout(config.storageTimeoutMs() * 2))
          .map(reply -> reply.body().getString("owner"));
    }).onComplete(claimed);
    return claimed.future();
  }

  private Future<String> host(String docId) {
    Sequencer sequencer = new Sequencer(docId, store, config, this);
    MessageConsumer<Object> consumer = bus.consumer(Addresses.doc(docId));
    consumer.handler(msg -> dispatch(sequencer, msg));
    Future<String> ready = consumer.completion().map(nodeId);
    docs.put(docId, new Hosted(sequencer, consumer, ready));
    sequencer.load().onFailure(err -> {
      LOG.warn("Loading {} failed: {}", docId, err.getMessage());
      unhost(docId, sequencer);
    });
    return ready;
  }

  private void unhost(String docId, Sequencer sequencer) {
    Hosted h = docs.get(docId);
    if (h != null && h.sequencer() == sequencer) {
      docs.remove(docId);
      h.consumer().unregister();
      ownership.release(docId);
    }
  }

  private Future<Void> unload(String docId) {
    Hosted h = docs.get(docId);
    if (h == null) {
      return Future.succeededFuture();
    }
    return h.consumer().unregister()
        .eventually(() -> h.sequencer().drain())
        .eventually(() -> {
          unhost(docId, h.sequencer());
          return Future.succeededFuture();
        });
  }

  private void unloadIdle() {
    long now = System.nanoTime();
    for (Map.Entry<String, Hosted> e : new ArrayList<>(docs.entrySet())) {
      Sequencer s = e.getValue().sequencer();
      if (s.state() == Sequencer.State.ACTIVE && !s.busy() && s.idleNanos(now) > config.idleUnloadMs() * 1_000_000L) {
        LOG.debug("Unloading idle document {}", e.getKey());
        unload(e.getKey());
      }
    }
  }

  // ---------------------------------------------------------------- document requests

  private void dispatch(Sequencer sequencer, Message<Object> msg) {
    Future.succeededFuture(msg.body()).compose(b -> {
      JsonObject body = Fields.body(b);
      String userId = msg.headers().get(Addresses.HEADER_USER_ID);
      if (userId == null || userId.isEmpty()) {
        throw ErrorCode.UNAUTHENTICATED.exception("no verified user");
      }
      String roleHeader = msg.headers().get(Addresses.HEADER_ROLE);
      Role role = roleHeader == null ? null : Role.of(roleHeader);
      String action = body.getValue("action") instanceof String a ? a : "";
      return switch (action) {
        case DocAction.OPEN -> sequencer.open(role);
        case DocAction.CATCHUP -> sequencer.catchup(Fields.integer(body, "fromRev", 0, Long.MAX_VALUE / 2), role);
        case DocAction.SUBMIT -> sequencer.submit(SubmitRequest.fromJson(body), userId, role);
        case DocAction.TOUCH -> {
          sequencer.touch();
          yield Future.succeededFuture(new JsonObject());
        }
        default -> throw ErrorCode.BAD_REQUEST.exception("unknown action '" + action + "'");
      };
    }).onSuccess(msg::reply).onFailure(err -> Failures.fail(msg, err));
  }

  @Override
  public void committed(String docId, OpEvent event) {
    bus.publish(Addresses.docEvents(docId), event.toJson());
  }

  @Override
  public void steppedDown(String docId, String reason) {
    Hosted h = docs.get(docId);
    if (h != null) {
      unhost(docId, h.sequencer());
    }
  }

  private void onStatus(Message<Object> msg) {
    JsonArray list = new JsonArray();
    docs.forEach((docId, h) -> list.add(new JsonObject().put("docId", docId)
        .put("state", h.sequencer().state().name()).put("rev", h.sequencer().committedRev())));
    msg.reply(new JsonObject().put("nodeId", nodeId).put("docs", list));
  }
}
