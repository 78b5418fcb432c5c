package io.verso.runtime;

import io.verso.protocol.Addresses;
import io.verso.protocol.ErrorCode;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonObject;

/**
 * Sends to a document's own address {@code doc.<docId>} so that the caller never sees "no
 * handlers": when no sequencer is registered (the document is not loaded, or its owner died), it
 * asks the edit-service to activate the document and tries again, with a short backoff, for up to
 * about 15 seconds. A failure answered by the activation (404 for an unknown document, 503 while
 * storage is down) is returned at once. The activation goes to this node's edit-service when it has
 * one. Used by the bridges and by services inside the cluster.
 */
public final class DocumentClient {
  private static final int MAX_ATTEMPTS = 12;
  private static final long ACTIVATE_TIMEOUT_MS = 10_000;

  private final Vertx vertx;

  public DocumentClient(Vertx vertx) {
    this.vertx = vertx;
  }

  public Future<Message<Object>> request(String docId, JsonObject body, DeliveryOptions options) {
    return attempt(docId, body, options, 1);
  }

  private Future<Message<Object>> attempt(String docId, JsonObject body, DeliveryOptions options, int n) {
    return vertx.eventBus().request(Addresses.doc(docId), body, options)
        .recover(err -> {
          if (!Bus.noHandlers(err) || n >= MAX_ATTEMPTS) {
            return Future.failedFuture(Bus.noHandlers(err)
                ? ErrorCode.UNAVAILABLE.exception("document " + docId + " could not be activated") : err);
          }
          JsonObject activate = new JsonObject().put("docId", docId);
          // this node's edit-service first: a round-robin pick may be a member that just died and is
          // still registered, and its request would only end with the 10 s timeout
          return Bus.localFirstMessage(vertx.eventBus(), Addresses.EDIT_ACTIVATE, activate,
                  new DeliveryOptions().setSendTimeout(ACTIVATE_TIMEOUT_MS))
              .transform(ar -> {
                // An edit-service answered with a failure (NOT_FOUND, storage down while loading, ...):
                // that is the answer. Only "no edit-service reachable yet" (no handlers, timeout) is retried.
                if (ar.failed() && ar.cause() instanceof ReplyException re
                    && re.failureType() == ReplyFailure.RECIPIENT_FAILURE) {
                  return Future.failedFuture(ar.cause());
                }
                // Registrations take a moment to reach every node: back off a little before retrying.
                long delay = ar.succeeded() ? 5L * n : Math.min(1000L, 50L * n * n);
                return vertx.timer(delay);
              })
              .compose(v -> attempt(docId, body, options, n + 1));
        });
  }
}
