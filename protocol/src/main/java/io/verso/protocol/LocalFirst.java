package io.verso.protocol;

import io.vertx.core.Future;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;

/**
 * Requests to a service that may run on this node: to this node's consumer when there is one (no
 * network hop, and per-node state such as a group committer or a throttle sees all of this node's
 * traffic), otherwise to any node's.
 */
public final class LocalFirst {
  private LocalFirst() {}

  public static <T> Future<Message<T>> request(EventBus bus, String address, Object body, DeliveryOptions options) {
    return bus.<T>request(address, body, new DeliveryOptions(options).setLocalOnly(true))
        .recover(err -> noHandlers(err) ? bus.<T>request(address, body, options) : Future.failedFuture(err));
  }

  /** True when nothing was registered at the address (in the scope the request was sent to). */
  public static boolean noHandlers(Throwable t) {
    return t instanceof ReplyException re && re.failureType() == ReplyFailure.NO_HANDLERS;
  }
}
