package io.verso.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class SharedJsonTest {
  private static JsonObject body() {
    return new JsonObject().put("docId", "d1").put("ops", new JsonArray().add(new JsonObject().put("insert", "é\n")));
  }

  @Test
  void localReceiversGetTheSentObjectItselfOnlyWhenAskedFor(Vertx vertx) throws Exception {
    SharedJson.register(vertx.eventBus());
    SharedJson.register(vertx.eventBus()); // every service of a node calls it: no error the second time
    AtomicReference<Object> received = new AtomicReference<>();
    vertx.eventBus().<JsonObject>consumer("shared", m -> {
      received.set(m.body());
      m.reply("ok");
    });
    JsonObject body = body();
    vertx.eventBus().request("shared", body, SharedJson.options(new DeliveryOptions())).await(5, TimeUnit.SECONDS);
    assertSame(body, received.get());
    vertx.eventBus().request("shared", body).await(5, TimeUnit.SECONDS);
    assertNotSame(body, received.get());
    assertEquals(body, received.get());
  }

  @Test
  void travelsBetweenNodesAsJson() {
    JsonObject body = body();
    Buffer wire = Buffer.buffer().appendString("header");
    SharedJson.INSTANCE.encodeToWire(wire, body);
    wire.appendString("trailer");
    JsonObject decoded = SharedJson.INSTANCE.decodeFromWire("header".length(), wire);
    assertEquals(body, decoded);
    assertNotSame(body, decoded);
  }
}
