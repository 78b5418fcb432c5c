package io.verso.runtime;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.MessageCodec;
import io.vertx.core.json.JsonObject;

/**
 * An event-bus codec for JSON bodies that nobody changes once sent: on this node the receiver gets
 * the sender's object itself instead of a deep copy; to other nodes it travels exactly like Vert.x's
 * own JSON codec. Used on the hot path of every keystroke (bridge → sequencer request, sequencer →
 * storage append, committed-op events), where the copies were a few percent of a node's CPU.
 *
 * <p>The contract of a body sent this way: the sender builds it for this message and never touches it
 * again, and every receiver only reads it (several local consumers of a publication share it).
 *
 * <p>Every component that sends or receives in this codec registers it with {@link #register} when
 * it is created (a node that receives such a body from another node needs it to decode it).
 */
public final class SharedJson implements MessageCodec<JsonObject, JsonObject> {
  public static final String NAME = "verso-shared-json";
  static final SharedJson INSTANCE = new SharedJson();

  private SharedJson() {}

  /** Registers the codec on this event bus unless it already is (each component that uses it calls it). */
  public static void register(EventBus bus) {
    synchronized (SharedJson.class) {
      try {
        bus.registerCodec(INSTANCE);
      } catch (IllegalStateException alreadyRegistered) {
        // another service of this node did it
      }
    }
  }

  /** {@code base} plus this codec (a new options object: {@code base} is left as it was). */
  public static DeliveryOptions options(DeliveryOptions base) {
    return new DeliveryOptions(base).setCodecName(NAME);
  }

  @Override
  public void encodeToWire(Buffer buffer, JsonObject json) {
    Buffer encoded = json.toBuffer();
    buffer.appendInt(encoded.length());
    buffer.appendBuffer(encoded);
  }

  @Override
  public JsonObject decodeFromWire(int pos, Buffer buffer) {
    int length = buffer.getInt(pos);
    return new JsonObject(buffer.slice(pos + 4, pos + 4 + length));
  }

  @Override
  public JsonObject transform(JsonObject json) {
    return json;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public byte systemCodecID() {
    return -1;
  }
}
