package io.verso.runtime.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.json.jackson.DatabindCodec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class StreamingJsonCodecTest {
  private static final DatabindCodec DATABIND = new DatabindCodec();

  @Test
  void isTheCodecOfEveryJsonObject() {
    assertInstanceOf(StreamingJsonCodec.class, Json.CODEC);
  }

  /**
   * Random JSON trees: what this codec writes, databind reads back as the same tree and vice versa
   * (the texts may differ in how they escape: Jackson's writer escapes surrogate pairs in names).
   */
  @Test
  void writesAndReadsRandomTreesLikeDatabind() {
    long seed = System.nanoTime();
    Random random = new Random(seed);
    for (int i = 0; i < 2_000; i++) {
      JsonObject object = new JsonObject().put("v", value(random, 0));
      String ours = object.encode();
      String theirs = DATABIND.toString(object, false);
      assertEquals(object, new JsonObject(ours), "seed " + seed);
      assertEquals(object, new JsonObject(Buffer.buffer(theirs)), "seed " + seed);
      assertEquals(object, new JsonObject(DATABIND.fromString(ours, Map.class)), "seed " + seed);
      assertEquals(object, new JsonObject(object.toBuffer()), "seed " + seed);
      assertEquals(DATABIND.fromString(theirs, Object.class), Json.decodeValue(ours), "seed " + seed);
    }
  }

  private static Object value(Random r, int depth) {
    int kind = depth > 4 ? r.nextInt(6) : r.nextInt(8);
    return switch (kind) {
      case 0 -> string(r);
      case 1 -> r.nextInt();
      case 2 -> r.nextLong();
      case 3 -> r.nextInt(1000) / 8.0;
      case 4 -> r.nextBoolean();
      case 5 -> null;
      case 6 -> {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = r.nextInt(5); i > 0; i--) {
          m.put(string(r), value(r, depth + 1));
        }
        yield new JsonObject(m);
      }
      default -> {
        List<Object> l = new ArrayList<>();
        for (int i = r.nextInt(5); i > 0; i--) {
          l.add(value(r, depth + 1));
        }
        yield new JsonArray(l);
      }
    };
  }

  /** Text with what JSON must escape: quotes, backslashes, control characters, non-ASCII, surrogate pairs. */
  private static String string(Random r) {
    String alphabet = "ab\"\\\n\t\u0001é€\uD83D\uDE00 /";
    StringBuilder sb = new StringBuilder();
    for (int i = r.nextInt(8); i > 0; i--) {
      int at = r.nextInt(alphabet.length());
      char c = alphabet.charAt(at);
      if (Character.isHighSurrogate(c)) {
        sb.append(c).append(alphabet.charAt(at + 1));
      } else if (!Character.isLowSurrogate(c)) {
        sb.append(c);
      }
    }
    return sb.toString();
  }

  record Point(int x, String label) {}

  @Test
  void objectsThatAreNotTreesStillGoThroughDatabind() {
    JsonObject json = JsonObject.mapFrom(new Point(3, "p"));
    assertEquals(new JsonObject().put("x", 3).put("label", "p"), json);
    assertEquals(new Point(3, "p"), json.mapTo(Point.class));
    assertEquals("{\"p\":{\"x\":1,\"label\":\"q\"}}", new JsonObject().put("p", new Point(1, "q")).encode());
    assertEquals(new Point(2, "r"), Json.decodeValue("{\"x\":2,\"label\":\"r\"}", Point.class));
  }

  @Test
  void hostileInputIsADecodeError() {
    String deep = "[".repeat(100_000) + "]".repeat(100_000);
    assertThrows(DecodeException.class, () -> new JsonArray(deep));
    assertThrows(DecodeException.class, () -> new JsonObject("{\"a\":1} trailing"));
    assertThrows(DecodeException.class, () -> new JsonObject("[1,2]"));
    assertThrows(DecodeException.class, () -> new JsonObject("{\"a\":"));
  }
}
