package io.verso.runtime.json;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.EncodeException;
import io.vertx.core.json.jackson.DatabindCodec;
import io.vertx.core.json.jackson.JacksonCodec;
import java.util.List;
import java.util.Map;

/**
 * Vert.x's JSON codec for JSON trees, on Jackson's streaming parser and generator only.
 *
 * <p>When jackson-databind is on the class path (it is, through other libraries) Vert.x encodes and
 * decodes every {@code JsonObject} with an {@code ObjectMapper}: a serializer lookup and a generic
 * map serializer per object, an untyped deserializer per parse. Verso only ever moves JSON trees
 * (maps, lists, strings, numbers, booleans), for which Vert.x's own jackson-core codec produces the
 * same text and the same trees at about half the cost — and every keystroke is parsed and encoded
 * several times on its way from one browser to the others. Anything that is not a JSON tree (a POJO
 * mapped with {@code JsonObject.mapFrom} / {@code mapTo}, an unknown value type inside an object)
 * still goes to databind, exactly as before.
 */
public final class StreamingJsonCodec extends JacksonCodec {
  private static final boolean DATABIND = databindPresent();
  private DatabindCodec databind;

  private static boolean databindPresent() {
    try {
      Class.forName("com.fasterxml.jackson.databind.ObjectMapper", false, StreamingJsonCodec.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }

  /** Created on first use only: loading databind is not free, and most processes never need it. */
  private DatabindCodec databind() {
    DatabindCodec d = databind;
    if (d == null) {
      d = new DatabindCodec();
      databind = d;
    }
    return d;
  }

  /** The types the streaming path decodes to (a JSON tree, or one of its leaves). */
  private static boolean tree(Class<?> clazz) {
    return clazz == Map.class || clazz == List.class || clazz == Object.class || clazz == String.class
        || clazz == Boolean.class
        || Number.class.isAssignableFrom(clazz) || clazz == Buffer.class || clazz == byte[].class
        || clazz == java.time.Instant.class || clazz.isEnum();
  }

  @Override
  public <T> T fromString(String json, Class<T> clazz) throws DecodeException {
    return tree(clazz) || !DATABIND ? super.fromString(json, clazz) : databind().fromString(json, clazz);
  }

  @Override
  public <T> T fromBuffer(Buffer json, Class<T> clazz) throws DecodeException {
    return tree(clazz) || !DATABIND ? super.fromBuffer(json, clazz) : databind().fromBuffer(json, clazz);
  }

  @Override
  public <T> T fromValue(Object json, Class<T> toValueType) {
    return DATABIND ? databind().fromValue(json, toValueType) : super.fromValue(json, toValueType);
  }

  @Override
  public String toString(Object object, boolean pretty) throws EncodeException {
    try {
      return super.toString(object, pretty);
    } catch (EncodeException e) {
      if (!DATABIND) {
        throw e;
      }
      return databind().toString(object, pretty); // a value only databind knows how to write
    }
  }

  @Override
  public Buffer toBuffer(Object object, boolean pretty) throws EncodeException {
    try {
      return super.toBuffer(object, pretty);
    } catch (EncodeException e) {
      if (!DATABIND) {
        throw e;
      }
      return databind().toBuffer(object, pretty);
    }
  }
}
