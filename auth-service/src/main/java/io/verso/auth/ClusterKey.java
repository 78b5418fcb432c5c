package io.verso.auth;

import io.verso.runtime.Bus;
import io.verso.protocol.Addresses;
import io.vertx.core.Future;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One signing key for the whole cluster: unless keys are configured, each auth-service node offers
 * its own (generated or loaded) key to storage, which keeps the first one ever offered; every node
 * then signs with that stored key, so a token issued by one node verifies on all the others. When no
 * storage answers (auth-service without storage, e.g. in isolation), the node's own key is used.
 */
final class ClusterKey {
  private static final Logger LOG = LoggerFactory.getLogger(ClusterKey.class);
  static final String KEY_ID = "access-token-es256";

  private ClusterKey() {}

  static Future<SigningKeys> adopt(EventBus bus, SigningKeys local) {
    JsonObject offer = new JsonObject().put("id", KEY_ID).put("privatePem", local.privateKeyPem())
        .put("publicPem", local.publicKeyPem());
    return Bus.request(bus, Addresses.STORAGE_SIGNING_KEY_ADOPT, offer, new DeliveryOptions().setSendTimeout(10_000))
        .map(reply -> {
          SigningKeys stored = new SigningKeys(reply.getString("privatePem"), reply.getString("publicPem"));
          if (!stored.publicKeyPem().equals(local.publicKeyPem())) {
            LOG.info("Using the cluster's access-token signing key (stored by another node)");
          }
          return stored;
        })
        .recover(err -> {
          LOG.warn("No storage answered for the cluster signing key ({}): this node signs with its own key",
              err.getMessage());
          return Future.succeededFuture(local);
        });
  }
}
