package io.verso.web.bridge;

import io.verso.protocol.Addresses;
import io.verso.protocol.ErrorCode;
import io.verso.protocol.Role;
import io.verso.protocol.doc.DocAction;
import io.verso.runtime.DocLog;
import io.verso.runtime.DocumentClient;
import io.verso.runtime.SharedJson;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import io.vertx.core.tracing.TracingPolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bridge's traffic to documents (edit-service): a socket's sends to {@code doc.<id>}, their action
 * checked against the user's role and stamped ({@link BridgePolicy}), and the {@code touch} that keeps
 * the documents this node's sockets watch loaded. Used from the web verticle's context only.
 */
final class BridgeDocuments {
  private static final Logger LOG = LoggerFactory.getLogger(BridgeDocuments.class);

  private final Vertx vertx;
  private final DocumentClient documents;
  private final BridgeHub hub;
  private final BridgePolicy policy;

  BridgeDocuments(Vertx vertx, BridgeHub hub, BridgePolicy policy) {
    this.vertx = vertx;
    this.documents = new DocumentClient(vertx);
    this.hub = hub;
    this.policy = policy;
  }

  /**
   * A send of socket {@code s}, whose user has {@code role} on the document. An action sockets may not
   * ask at all fails the request (403 to its reply address); a role too low for it throws (403).
   */
  Future<Message<Object>> send(BridgeSession s, String docId, Role role, JsonObject body) {
    Role needed = BridgePolicy.neededFor(body.getValue("action"));
    if (needed == null) {
      return Future.failedFuture(ErrorCode.FORBIDDEN.exception("action not permitted"));
    }
    Role.require(role, needed);
    // the edit-service only reads the body, and nothing here touches it again: shared, not copied.
    // A socket's frames come outside any HTTP request, where the bus's default (PROPAGATE: join an open
    // trace) would trace no edit: each starts one. Without a tracer (the default) the policy costs nothing.
    return documents.request(docId, body, SharedJson.options(policy.stamped(s.identity(), role))
        .setTracingPolicy(TracingPolicy.ALWAYS));
  }

  /**
   * Keeps the documents this node's sockets watch loaded: a {@code touch} to each watched document's
   * sequencer (only if it is loaded: an unloaded document is activated by the next real request).
   */
  void touchWatched() {
    for (String address : hub.addresses()) {
      if (Addresses.isDocEvents(address)) {
        String docId = Addresses.docIdOf(address);
        vertx.eventBus().request(Addresses.doc(docId), new JsonObject().put("action", DocAction.TOUCH), policy.system())
            .onFailure(t -> DocLog.with(docId, () -> LOG.debug("touch of {} failed: {}", docId, t.getMessage())));
      }
    }
  }
}
