package io.verso.web.bridge;

import io.verso.protocol.Addresses;
import io.verso.protocol.ErrorCode;
import io.verso.protocol.Role;
import io.verso.protocol.presence.Presence;
import io.verso.runtime.Bus;
import io.verso.web.auth.Identity;
import io.vertx.core.Future;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bridge's traffic to presence-service: a socket's sends to {@code presence.<id>}, with the client
 * ids the socket speaks for counted ({@link PresenceClients}), and a {@code leave} for each of them
 * when the socket closes. Used from the web verticle's context only.
 */
final class BridgePresence {
  private static final Logger LOG = LoggerFactory.getLogger(BridgePresence.class);

  private final EventBus bus;
  private final BridgePolicy policy;

  BridgePresence(EventBus bus, BridgePolicy policy) {
    this.bus = bus;
    this.policy = policy;
  }

  /**
   * A send of socket {@code s}, whose user has {@code role} on the document: {@code docId} set from the
   * address, the action checked ({@link BridgePolicy#presenceAction}); 413 for a client id beyond what
   * one socket may speak for.
   */
  Future<Message<Object>> send(BridgeSession s, String docId, Role role, JsonObject body) {
    String action = BridgePolicy.presenceAction(body);
    if (action == null) {
      return Future.failedFuture(ErrorCode.FORBIDDEN.exception("action not permitted"));
    }
    body.put("action", action).put("docId", docId);
    if (body.getValue("clientId") instanceof String clientId && Addresses.isClientId(clientId)) {
      if (Presence.ACTION_LEAVE.equals(action)) {
        s.presenceClients().left(docId, clientId);
      } else if (!Presence.ACTION_LIST.equals(action) && !s.presenceClients().use(docId, clientId)) {
        return Future.failedFuture(ErrorCode.TOO_LARGE.exception("too many presence clients on one socket"));
      }
    }
    return toPresence(body, policy.stamped(s.identity(), role));
  }

  /** The socket closed: presence is told that every client it spoke for left (nothing for a socket that never had an identity). */
  void leaveAll(BridgeSession s) {
    Identity id = s.identity();
    if (id == null) {
      return; // it never read a frame: no clients
    }
    s.presenceClients().leaveAll((docId, clientId) -> toPresence(
        new JsonObject().put("action", Presence.ACTION_LEAVE).put("docId", docId).put("clientId", clientId),
        policy.stamped(id, null)).onFailure(t -> LOG.debug("presence leave failed: {}", t.getMessage())));
  }

  /** To this node's presence-service first (exact per-client throttling), else to any node's. */
  private Future<Message<Object>> toPresence(JsonObject body, DeliveryOptions options) {
    return Bus.localFirstMessage(bus, Addresses.PRESENCE_SERVICE, body, options);
  }
}
