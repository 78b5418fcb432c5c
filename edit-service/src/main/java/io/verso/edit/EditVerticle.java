package io.verso.edit;

import io.verso.edit.comments.EventBusCommentStorage;
import io.verso.protocol.Addresses;
import io.verso.runtime.Failures;
import io.verso.protocol.Fields;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import java.util.UUID;

/**
 * edit-service: wiring and message handlers. Activation requests ({@code verso.edit.activate},
 * load-balanced over every instance; {@code verso.edit.node.<nodeId>}, direct) go to {@link DocHost},
 * which hosts one {@link Sequencer} per owned document on its own {@code doc.<docId>} consumer,
 * whose requests {@link DocEndpoint} hands to it. This class only wires.
 */
public final class EditVerticle extends VerticleBase {
  private final String nodeId = UUID.randomUUID().toString();
  private Ownership ownership;
  private DocHost host;
  private long idleTimer = -1;
  private EditMetrics metrics;

  @Override
  public Future<?> start() {
    EditConfig config = EditConfig.from(config());
    EventBus bus = vertx.eventBus();
    ownership = new Ownership(vertx, nodeId, config.leaseMs());
    metrics = new EditMetrics(() -> host.hostedCount());
    host = new DocHost(nodeId, bus, config, new EventBusDocStore(bus, config.storageTimeoutMs()),
        new EventBusCommentStorage(bus, config.storageTimeoutMs()), ownership, new DocEndpoint(metrics));
    return ownership.start().compose(v -> Future.all(
            bus.consumer(Addresses.EDIT_ACTIVATE, this::onActivate).completion(),
            bus.consumer(Addresses.editNode(nodeId), this::onActivate).completion(),
            bus.consumer(Addresses.EDIT_STATUS, this::onStatus).completion(),
            // a trashed document is nobody's: its sequencer goes now, not when idle (storage refuses its appends)
            bus.<Object>consumer(Addresses.DOCS_TRASHED, msg -> {
              if (msg.body() instanceof JsonObject b && b.getValue("docId") instanceof String docId) {
                host.unload(docId);
              }
            }).completion()))
        .onSuccess(v -> idleTimer = vertx.setPeriodic(config.housekeepingMs(),
            id -> host.unloadIdle()));
  }

  @Override
  public Future<?> stop() {
    vertx.cancelTimer(idleTimer);
    return host.unloadAll().eventually(() -> ownership.stop()).eventually(() -> {
      metrics.close();
      return Future.succeededFuture();
    });
  }

  public String nodeId() {
    return nodeId;
  }

  private void onActivate(Message<Object> msg) {
    Failures.respond(msg, () -> host.activate(Fields.docId(Fields.body(msg.body()), "docId"),
            msg.address().equals(Addresses.EDIT_ACTIVATE))
        .map(owner -> new JsonObject().put("owner", owner)));
  }

  private void onStatus(Message<Object> msg) {
    msg.reply(new JsonObject().put("nodeId", nodeId).put("docs", host.status()));
  }
}
