package io.verso.delta;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Replays vectors recorded from the reference implementation quill-delta 5.1.0 (the Delta library
 * of Quill 2) and requires our core to give exactly quill's answer, op for op. The vectors live in
 * {@code src/test/resources/conformance/} and are produced by {@code delta/conformance/generate.mjs}
 * (see its README); this test needs no Node.
 *
 * <p>Each operation is checked in chunks of {@value #CHUNK} vectors; a failing chunk lists its
 * failing vectors (index in the file, inputs, quill's output, ours) so a bug can be reproduced from
 * the report alone.
 */
class QuillConformanceTest {

  private static final int MIN_VECTORS = 1000;
  private static final int CHUNK = 100;
  private static final int MAX_DETAILS = 10;

  @TestFactory
  Stream<DynamicNode> compose() {
    VectorFile file = VectorFile.load("compose");
    return Stream.of(suite(file, "compose", v -> true, List.of("a", "b"),
        v -> QuillJson.toJson(delta(v, "a").compose(delta(v, "b")))));
  }

  @TestFactory
  Stream<DynamicNode> transform() {
    VectorFile file = VectorFile.load("transform");
    return Stream.of(true, false).map(priority ->
        suite(file, "transform priority=" + priority, v -> priority(v) == priority, List.of("a", "b"),
            v -> QuillJson.toJson(delta(v, "a").transform(delta(v, "b"), priority))));
  }

  @TestFactory
  Stream<DynamicNode> transformPosition() {
    VectorFile file = VectorFile.load("transformPosition");
    return Stream.of(true, false).map(priority ->
        suite(file, "transformPosition priority=" + priority, v -> priority(v) == priority, List.of("delta"),
            v -> IntNode.valueOf(delta(v, "delta").transformPosition(intField(v, "index"), priority))));
  }

  @TestFactory
  Stream<DynamicNode> invert() {
    VectorFile file = VectorFile.load("invert");
    return Stream.of(suite(file, "invert", v -> true, List.of("base", "change"),
        v -> QuillJson.toJson(delta(v, "change").invert(delta(v, "base")))));
  }

  @TestFactory
  Stream<DynamicNode> diff() {
    VectorFile file = VectorFile.load("diff");
    return Stream.of(suite(file, "diff", v -> true, List.of("a", "b"),
        v -> QuillJson.toJson(delta(v, "a").diff(delta(v, "b")))));
  }

  // ------------------------------------------------------------------ suite construction

  /** One operation (and priority): a count check, an input round trip, and the vectors in chunks. */
  private static DynamicContainer suite(VectorFile file, String label, Predicate<JsonNode> filter,
      List<String> inputs, Function<JsonNode, JsonNode> run) {
    List<Indexed> selected = new ArrayList<>();
    for (int i = 0; i < file.vectors().size(); i++) {
      JsonNode v = file.vectors().get(i);
      if (filter.test(v)) {
        selected.add(new Indexed(i, v));
      }
    }
    List<DynamicNode> tests = new ArrayList<>();
    tests.add(DynamicTest.dynamicTest("at least " + MIN_VECTORS + " vectors", () -> {
      assertEquals(file.count(), file.vectors().size(), file.resource() + ": header count vs vectors");
      assertTrue(selected.size() >= MIN_VECTORS,
          label + ": only " + selected.size() + " vectors in " + file.resource());
    }));
    tests.add(DynamicTest.dynamicTest("inputs survive JSON -> Delta -> JSON",
        () -> check(file, label + " input round trip", selected, v -> inputs.stream()
            .map(field -> QuillJson.toJson(delta(v, field))).toList(),
            v -> inputs.stream().map(v::get).toList())));
    for (int from = 0; from < selected.size(); from += CHUNK) {
      List<Indexed> chunk = selected.subList(from, Math.min(selected.size(), from + CHUNK));
      String name = "vectors #" + chunk.get(0).index() + "..#" + chunk.get(chunk.size() - 1).index();
      tests.add(DynamicTest.dynamicTest(name,
          () -> check(file, label, chunk, run::apply, v -> v.get("expected"))));
    }
    return DynamicContainer.dynamicContainer(label + " (" + file.resource() + ")", tests);
  }

  /** Runs every vector of the chunk, collects all mismatches and exceptions, fails once with them. */
  private static void check(VectorFile file, String label, List<Indexed> chunk,
      Function<JsonNode, ?> actualOf, Function<JsonNode, ?> expectedOf) {
    List<String> failures = new ArrayList<>();
    List<Integer> failingIndexes = new ArrayList<>();
    for (Indexed item : chunk) {
      JsonNode v = item.vector();
      Object expected = expectedOf.apply(v);
      String outcome;
      try {
        Object actual = actualOf.apply(v);
        if (same(expected, actual)) {
          continue;
        }
        outcome = "  actual:   " + print(actual);
      } catch (RuntimeException | StackOverflowError e) {
        outcome = "  threw:    " + describe(e);
      }
      failingIndexes.add(item.index());
      if (failures.size() < MAX_DETAILS) {
        failures.add("#" + item.index() + " (line " + (item.index() + 3) + ", case " + v.path("case").asText()
            + ")\n  input:    " + QuillJson.print(inputsOf(v))
            + "\n  expected: " + print(expected) + "\n" + outcome);
      }
    }
    if (!failingIndexes.isEmpty()) {
      fail(label + ": " + failingIndexes.size() + " of " + chunk.size() + " vectors differ from "
          + file.reference() + " (" + file.resource() + ", seed " + file.seed() + "; regenerate with: "
          + file.regenerate() + ")\nfailing vector indexes: " + failingIndexes + "\n"
          + String.join("\n", failures)
          + (failingIndexes.size() > failures.size() ? "\n... " + (failingIndexes.size() - failures.size())
              + " more, see the indexes above" : ""));
    }
  }

  private static boolean same(Object expected, Object actual) {
    if (expected instanceof JsonNode e && actual instanceof JsonNode a) {
      return QuillJson.sameJson(e, a);
    }
    if (expected instanceof List<?> e && actual instanceof List<?> a) {
      if (e.size() != a.size()) {
        return false;
      }
      for (int i = 0; i < e.size(); i++) {
        if (!same(e.get(i), a.get(i))) {
          return false;
        }
      }
      return true;
    }
    return false;
  }

  private static String print(Object value) {
    if (value instanceof JsonNode node) {
      return QuillJson.print(node);
    }
    if (value instanceof List<?> list) {
      return list.stream().map(QuillConformanceTest::print).toList().toString();
    }
    return String.valueOf(value);
  }

  private static String describe(Throwable e) {
    StackTraceElement[] stack = e.getStackTrace();
    String where = stack.length > 0 ? " at " + stack[0] : "";
    String message = String.valueOf(e.getMessage());
    if (message.length() > 300) {
      message = message.substring(0, 300) + "...";
    }
    return e.getClass().getName() + ": " + message + where;
  }

  private static JsonNode inputsOf(JsonNode vector) {
    ObjectNode copy = vector.deepCopy();
    copy.remove("expected");
    copy.remove("case");
    return copy;
  }

  // ------------------------------------------------------------------ vector access

  private static Delta delta(JsonNode vector, String field) {
    return QuillJson.toDelta(vector.get(field));
  }

  private static boolean priority(JsonNode vector) {
    JsonNode p = vector.get("priority");
    if (p == null || !p.isBoolean()) {
      throw new IllegalArgumentException("vector without boolean priority: " + vector);
    }
    return p.booleanValue();
  }

  private static int intField(JsonNode vector, String field) {
    JsonNode n = vector.get(field);
    if (n == null || !n.isIntegralNumber() || !n.canConvertToInt()) {
      throw new IllegalArgumentException("vector without int " + field + ": " + vector);
    }
    return n.intValue();
  }

  private record Indexed(int index, JsonNode vector) {
  }

  /** One generated file: its header (seed, reference, regeneration command) and its vectors. */
  private record VectorFile(String resource, String reference, long seed, String regenerate, int count,
      List<JsonNode> vectors) {

    static VectorFile load(String operation) {
      for (String resource : List.of("/conformance/" + operation + ".json", "/conformance/" + operation + ".json.gz")) {
        try (InputStream raw = QuillConformanceTest.class.getResourceAsStream(resource)) {
          if (raw == null) {
            continue;
          }
          InputStream in = resource.endsWith(".gz") ? new GZIPInputStream(raw) : raw;
          JsonNode root = QuillJson.MAPPER.readTree(in);
          if (!operation.equals(root.path("operation").asText())) {
            throw new IllegalStateException(resource + " holds operation " + root.path("operation"));
          }
          List<JsonNode> vectors = new ArrayList<>();
          root.path("vectors").forEach(vectors::add);
          return new VectorFile(resource.substring(1), root.path("reference").asText(),
              root.path("seed").asLong(), root.path("regenerate").asText(), root.path("count").asInt(-1),
              List.copyOf(vectors));
        } catch (IOException e) {
          throw new UncheckedIOException("cannot read " + resource, e);
        }
      }
      throw new IllegalStateException("no conformance vectors for " + operation
          + " on the test class path: run delta/conformance/generate.mjs (see delta/conformance/README.md)");
    }
  }
}
