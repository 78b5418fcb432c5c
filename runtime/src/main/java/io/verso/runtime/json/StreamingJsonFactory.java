package io.verso.runtime.json;

import io.vertx.core.spi.JsonFactory;
import io.vertx.core.spi.json.JsonCodec;

/**
 * Makes {@link StreamingJsonCodec} the codec of every {@code JsonObject} / {@code JsonArray} in the
 * process (registered in {@code META-INF/services/io.vertx.core.spi.JsonFactory}; Vert.x takes the
 * factory with the lowest order, its own default has {@link Integer#MAX_VALUE}).
 */
public final class StreamingJsonFactory implements JsonFactory {
  private static final StreamingJsonCodec CODEC = new StreamingJsonCodec();

  @Override
  public int order() {
    return 0;
  }

  @Override
  public JsonCodec codec() {
    return CODEC;
  }
}
