package io.verso.runtime;

import io.vertx.core.Future;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonObject;

/**
 * How services ask each other over the event bus: the one request helper. Answers are failed with
 * the error vocabulary by the other side ({@link Failures#respond}); {@link Failures#codeOf} reads
 * them back.
 */
public final class Bus {
  private Bus() {}

  /** A request to any node's consumer; its JSON reply body. */
  public static Future<JsonObject> request(EventBus bus, String address, Object body, DeliveryOptions options) {
    return bus.<JsonObject>request(address, body, options).map(Message::body);
  }

  public static Future<JsonObject> request(EventBus bus, String address, Object body) {
    return request(bus, address, body, new DeliveryOptions());
  }

  /**
   * A request to this node's consumer when there is one (no network hop, and per-node state such as
   * a group committer or a throttle sees all of this node's traffic; a round-robin pick could also
   * be a member that just died), otherwise to any node's; its JSON reply body.
   */
  public static Future<JsonObject> localFirst(EventBus bus, String address, Object body, DeliveryOptions options) {
    return Bus.<JsonObject>localFirstMessage(bus, address, body, options).map(Message::body);
  }

  /** As {@link #localFirst}, the whole reply message (for relaying whatever the body is). */
  public static <T> Future<Message<T>> localFirstMessage(EventBus bus, String address, Object body, DeliveryOptions options) {
    return bus.<T>request(address, body, new DeliveryOptions(options).setLocalOnly(true))
        .recover(err -> noHandlers(err) ? bus.<T>request(address, body, options) : Future.failedFuture(err));
  }

  /** True when nothing was registered at the address (in the scope the request was sent to). */
  public static boolean noHandlers(Throwable t) {
    return t instanceof ReplyException re && re.failureType() == ReplyFailure.NO_HANDLERS;
  }
}
