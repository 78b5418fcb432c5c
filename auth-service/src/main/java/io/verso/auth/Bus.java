package io.verso.auth;

import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;

/** Request/reply over the event bus with JSON bodies. */
final class Bus {
  private Bus() {}

  static Future<JsonObject> request(EventBus bus, String address, JsonObject body) {
    return bus.<JsonObject>request(address, body).map(Message::body);
  }
}
