package io.verso.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.verso.delta.Delta;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DeltaJsonTest {

  @Test
  void parsesQuillJson() {
    Delta d = DeltaJson.fromJson(new JsonArray("[{\"retain\":3},{\"insert\":\"Hi\",\"attributes\":{\"bold\":true}},"
        + "{\"delete\":2},{\"insert\":{\"image\":\"https://x/y.png\"}},{\"retain\":1,\"attributes\":{\"bold\":null}}]"));
    Map<String, Object> bold = Map.of("bold", true);
    Map<String, Object> unbold = new LinkedHashMap<>();
    unbold.put("bold", null);
    Delta expected = Delta.builder().retain(3).insert("Hi", bold).delete(2)
        .insertEmbed(Map.of("image", "https://x/y.png"), null).retain(1, unbold).build();
    assertEquals(expected, d);
    assertEquals(new JsonArray("[{\"retain\":3},{\"insert\":\"Hi\",\"attributes\":{\"bold\":true}},"
        + "{\"insert\":{\"image\":\"https://x/y.png\"}},{\"delete\":2},{\"retain\":1,\"attributes\":{\"bold\":null}}]"),
        DeltaJson.toJson(d), "canonical order: insert before delete");
  }

  @Test
  void wholeNumbersWrittenAsDecimalsAreCounts() {
    assertEquals(Delta.builder().retain(3).delete(1).build(),
        DeltaJson.fromJson(new JsonArray("[{\"retain\":3.0},{\"delete\":1}]")));
    assertEquals(Delta.builder().retain(2).build(),
        DeltaJson.fromJson(new JsonArray().add(new JsonObject().put("retain", new BigDecimal("2")))));
  }

  @Test
  void emptyAttributesAreNoAttributes() {
    Delta d = DeltaJson.fromJson(new JsonArray("[{\"insert\":\"a\",\"attributes\":{}}]"));
    assertNull(d.op(0).attributes());
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "1", "\"insert\"", "null", "[]",
      "{}", "{\"foo\":1}", "{\"insert\":\"a\",\"foo\":1}", "{\"insert\":\"a\",\"delete\":1}",
      "{\"retain\":1,\"delete\":1}", "{\"attributes\":{\"bold\":true}}",
      "{\"retain\":-1}", "{\"retain\":0}", "{\"delete\":0}", "{\"delete\":-5}", "{\"retain\":1.5}",
      "{\"delete\":0.0001}", "{\"retain\":1e300}", "{\"retain\":2147483648}", "{\"retain\":99999999999999999999999}",
      "{\"retain\":\"3\"}", "{\"retain\":true}", "{\"retain\":null}", "{\"retain\":{\"image\":\"x\"}}",
      "{\"delete\":[1]}", "{\"insert\":5}", "{\"insert\":true}", "{\"insert\":null}", "{\"insert\":[\"a\"]}",
      "{\"insert\":\"\"}", "{\"insert\":{}}", "{\"insert\":{\"image\":\"a\",\"video\":\"b\"}}",
      "{\"insert\":{\"image\":{\"src\":\"x\"}}}", "{\"insert\":{\"image\":null}}", "{\"insert\":{\"image\":[1]}}",
      "{\"insert\":\"a\",\"attributes\":null}", "{\"insert\":\"a\",\"attributes\":\"bold\"}",
      "{\"insert\":\"a\",\"attributes\":[\"bold\"]}", "{\"insert\":\"a\",\"attributes\":{\"bold\":{\"x\":1}}}",
      "{\"insert\":\"a\",\"attributes\":{\"bold\":[true]}}", "{\"insert\":\"a\",\"attributes\":{\"\":true}}",
      "{\"insert\":\"a\",\"attributes\":{\"size\":1e999}}",
      "{\"delete\":1,\"attributes\":{\"bold\":true}}", "{\"insert\":\"a\",\"attributes\":{\"bold\":null}}",
      "{\"insert\":{\"image\":\"x\"},\"attributes\":{\"width\":null}}", "{\"delete\":1,\"attributes\":{}}",
      "{\"insert\":\"a\\u0000b\"}", "{\"insert\":\"a\",\"attributes\":{\"link\":\"x\\u0000\"}}",
      // lone surrogates: UTF-8 has no form for them (storage would keep '?')
      "{\"insert\":\"a\\ud800\"}", "{\"insert\":\"\\udc00b\"}", "{\"insert\":\"\\ude00\\ud83d\"}",
      "{\"insert\":\"a\",\"attributes\":{\"link\":\"x\\ud800\"}}", "{\"insert\":{\"image\":\"\\udfff\"}}",
      "{\"insert\":\"a\",\"attributes\":{\"b\\ud800\":true}}",
  })
  void hostileOpsAreInvalid(String op) {
    JsonArray ops;
    try {
      ops = new JsonArray("[" + op + "]");
    } catch (io.vertx.core.json.DecodeException e) {
      return; // not even JSON: never reaches the gate
    }
    VersoException e = assertThrows(VersoException.class, () -> DeltaJson.fromJson(ops), op);
    assertEquals(ErrorCode.INVALID_OP, e.code(), op);
  }

  @Test
  void nonFiniteAndHugeJavaValuesAreInvalid() {
    for (Object v : List.of(Double.NaN, Double.POSITIVE_INFINITY, -1.0, 0.5, 3_000_000_000L, Long.MIN_VALUE,
        new BigInteger("123456789012345678901234567890"), new BigDecimal("1.5"))) {
      JsonArray ops = new JsonArray().add(new JsonObject().put("retain", v));
      assertEquals(ErrorCode.INVALID_OP, assertThrows(VersoException.class, () -> DeltaJson.fromJson(ops)).code(),
          String.valueOf(v));
    }
    for (Object v : List.of(Double.NaN, Double.NEGATIVE_INFINITY, new BigInteger("1" + "0".repeat(40)))) {
      JsonArray ops = new JsonArray().add(new JsonObject().put("insert", "a")
          .put("attributes", new JsonObject().put("size", v)));
      assertEquals(ErrorCode.INVALID_OP, assertThrows(VersoException.class, () -> DeltaJson.fromJson(ops)).code(),
          String.valueOf(v));
    }
    assertEquals(ErrorCode.INVALID_OP, assertThrows(VersoException.class, () -> DeltaJson.fromJson(null)).code());
  }

  /** Well-formed means exactly: encodes to UTF-8 and back unchanged. Random strings full of surrogates. */
  @Test
  void wellFormedMeansUtf8RoundTrips() {
    java.util.Random rnd = new java.util.Random(Long.getLong("verso.seed", System.nanoTime()));
    char[] alphabet = {'a', '\uD83D', '\uDE00', '\uD800', '\uDFFF', 'é', '\uFFFC'};
    for (int i = 0; i < 20_000; i++) {
      char[] cs = new char[rnd.nextInt(6)];
      for (int k = 0; k < cs.length; k++) {
        cs[k] = alphabet[rnd.nextInt(alphabet.length)];
      }
      String str = new String(cs);
      boolean roundTrips = new String(str.getBytes(java.nio.charset.StandardCharsets.UTF_8),
          java.nio.charset.StandardCharsets.UTF_8).equals(str);
      assertEquals(roundTrips, DeltaJson.isWellFormed(str), () -> str.chars().mapToObj(Integer::toHexString).toList().toString());
    }
    assertEquals("x\uD83D\uDE00", DeltaJson.fromJson(new JsonArray("[{\"insert\":\"x\\ud83d\\ude00\"}]")).op(0)
        instanceof io.verso.delta.Insert ins ? ins.text() : null);
  }

  @Test
  void lengthsThatOverflowWhenMergedAreInvalid() {
    JsonArray ops = new JsonArray().add(new JsonObject().put("retain", Integer.MAX_VALUE))
        .add(new JsonObject().put("retain", Integer.MAX_VALUE));
    assertEquals(ErrorCode.INVALID_OP, assertThrows(VersoException.class, () -> DeltaJson.fromJson(ops)).code());
    JsonArray ops2 = new JsonArray().add(new JsonObject().put("retain", Integer.MAX_VALUE))
        .add(new JsonObject().put("delete", Integer.MAX_VALUE));
    assertEquals(ErrorCode.INVALID_OP, assertThrows(VersoException.class, () -> DeltaJson.fromJson(ops2)).code());
  }

  @Test
  void fromJsonCanonicalises() {
    Delta d = DeltaJson.fromJson(new JsonArray("[{\"insert\":\"a\"},{\"insert\":\"b\"},{\"delete\":1},{\"delete\":2},"
        + "{\"retain\":1},{\"retain\":2}]"));
    assertEquals(Delta.builder().insert("ab").delete(3).retain(3).build(), d);
  }

  /** Round trip over random canonical deltas, also through the JSON text (what the wire carries). */
  @Test
  void roundTripProperty() {
    long seed = Long.getLong("verso.seed", System.nanoTime());
    Random rnd = new Random(seed);
    for (int i = 0; i < 2000; i++) {
      Delta d = randomDelta(rnd);
      JsonArray json = DeltaJson.toJson(d);
      assertEquals(d, DeltaJson.fromJson(json), "seed=" + seed + " delta=" + d);
      assertEquals(d, DeltaJson.fromJson(new JsonArray(json.encode())), "seed=" + seed + " delta=" + d);
      assertEquals(json, DeltaJson.toJson(DeltaJson.fromJson(json)), "seed=" + seed);
    }
  }

  private static final String[] TEXTS = {"a", "Hello", " ", "\n", "😀", "é\"\\", "\t<b>", "x\ny"};

  static Delta randomDelta(Random rnd) {
    Delta.Builder b = Delta.builder();
    int n = rnd.nextInt(8);
    for (int i = 0; i < n; i++) {
      switch (rnd.nextInt(5)) {
        case 0, 1 -> b.insert(TEXTS[rnd.nextInt(TEXTS.length)], attributes(rnd, false));
        case 2 -> b.insertEmbed(Map.of(rnd.nextBoolean() ? "image" : "formula",
            rnd.nextBoolean() ? "https://e.x/" + rnd.nextInt(9) : "e=mc^2"), attributes(rnd, false));
        case 3 -> b.retain(1 + rnd.nextInt(rnd.nextBoolean() ? 5 : Integer.MAX_VALUE / 16), attributes(rnd, true));
        default -> b.delete(1 + rnd.nextInt(20));
      }
    }
    return b.build();
  }

  private static Map<String, Object> attributes(Random rnd, boolean nulls) {
    if (rnd.nextInt(3) != 0) {
      return null;
    }
    Map<String, Object> a = new LinkedHashMap<>();
    int n = 1 + rnd.nextInt(3);
    for (int i = 0; i < n; i++) {
      switch (rnd.nextInt(5)) {
        case 0 -> a.put("bold", rnd.nextBoolean());
        case 1 -> a.put("header", 1 + rnd.nextInt(6));
        case 2 -> a.put("color", "#" + Integer.toHexString(rnd.nextInt(0xffffff)));
        case 3 -> a.put("italic", nulls ? null : Boolean.TRUE);
        default -> a.put("width", rnd.nextDouble() * 100);
      }
    }
    return a;
  }
}
