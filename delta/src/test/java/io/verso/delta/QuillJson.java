package io.verso.delta;

import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Test-only conversion between Quill JSON ops ({@code [{"insert":..,"attributes":{..}}, {"retain":n},
 * {"delete":n}]}) and {@link Delta}, plus the value-based JSON comparison used by the conformance test.
 * Strict: anything that is not a well-formed Quill op is rejected, so a malformed vector cannot pass.
 */
final class QuillJson {

  static final ObjectMapper MAPPER = JsonMapper.builder().build();

  /** Prints non-ASCII (emoji, lone surrogates) as \\u escapes so failure reports are unambiguous. */
  private static final ObjectMapper PRINTER =
      JsonMapper.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final Set<String> OP_KEYS = Set.of("insert", "retain", "delete", "attributes");

  private QuillJson() {
  }

  /** Builds the Delta verbatim from quill ops, like quill's {@code new Delta(ops)}. */
  static Delta toDelta(JsonNode ops) {
    if (ops == null || !ops.isArray()) {
      throw new IllegalArgumentException("ops must be a JSON array: " + ops);
    }
    List<Op> list = new ArrayList<>(ops.size());
    for (JsonNode op : ops) {
      list.add(toOp(op));
    }
    return Delta.of(list);
  }

  static Op toOp(JsonNode op) {
    if (!op.isObject()) {
      throw new IllegalArgumentException("op must be an object: " + op);
    }
    op.fieldNames().forEachRemaining(name -> {
      if (!OP_KEYS.contains(name)) {
        throw new IllegalArgumentException("unknown op field '" + name + "': " + op);
      }
    });
    int kinds = (op.has("insert") ? 1 : 0) + (op.has("retain") ? 1 : 0) + (op.has("delete") ? 1 : 0);
    if (kinds != 1) {
      throw new IllegalArgumentException("op needs exactly one of insert/retain/delete: " + op);
    }
    Map<String, Object> attributes = attributes(op);
    if (op.has("insert")) {
      JsonNode insert = op.get("insert");
      if (insert.isTextual()) {
        return new Insert(insert.textValue(), null, attributes);
      }
      if (insert.isObject() && insert.size() == 1) {
        return new Insert(null, toMap(insert), attributes);
      }
      throw new IllegalArgumentException("insert must be a string or a one-key embed object: " + op);
    }
    if (op.has("retain")) {
      return new Retain(length(op, "retain"), attributes);
    }
    if (attributes != null) {
      throw new IllegalArgumentException("delete cannot carry attributes: " + op);
    }
    return new Delete(length(op, "delete"));
  }

  private static int length(JsonNode op, String field) {
    JsonNode n = op.get(field);
    if (!n.isIntegralNumber() || !n.canConvertToInt() || n.intValue() <= 0) {
      throw new IllegalArgumentException(field + " must be a positive int: " + op);
    }
    return n.intValue();
  }

  /** Absent attributes are {@code null}, as in quill where the key is missing. */
  private static Map<String, Object> attributes(JsonNode op) {
    JsonNode attrs = op.get("attributes");
    if (attrs == null) {
      return null;
    }
    if (!attrs.isObject() || attrs.isEmpty()) {
      throw new IllegalArgumentException("attributes must be a non-empty object: " + op);
    }
    return toMap(attrs);
  }

  /** Object node to an unmodifiable map; JSON null stays a null value (attribute removal). */
  private static Map<String, Object> toMap(JsonNode object) {
    Map<String, Object> map = new LinkedHashMap<>();
    Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      map.put(field.getKey(), toValue(field.getValue()));
    }
    return Collections.unmodifiableMap(map);
  }

  private static Object toValue(JsonNode v) {
    if (v.isNull()) {
      return null;
    }
    if (v.isTextual()) {
      return v.textValue();
    }
    if (v.isBoolean()) {
      return v.booleanValue();
    }
    if (v.isNumber()) {
      return v.numberValue();
    }
    if (v.isObject()) {
      return toMap(v);
    }
    List<Object> list = new ArrayList<>();
    v.forEach(e -> list.add(toValue(e)));
    return Collections.unmodifiableList(list);
  }

  /** Our Delta as quill JSON ops; empty attribute maps are omitted as quill never emits them. */
  static ArrayNode toJson(Delta delta) {
    ArrayNode ops = NODES.arrayNode();
    for (Op op : delta.ops()) {
      ops.add(toJson(op));
    }
    return ops;
  }

  static ObjectNode toJson(Op op) {
    ObjectNode node = NODES.objectNode();
    if (op instanceof Insert insert) {
      if (insert.text() != null) {
        node.put("insert", insert.text());
      } else {
        node.set("insert", MAPPER.valueToTree(insert.embed()));
      }
    } else if (op instanceof Retain retain) {
      node.put("retain", retain.length());
    } else if (op instanceof Delete delete) {
      node.put("delete", delete.length());
    } else {
      throw new IllegalArgumentException("unknown op " + op);
    }
    Map<String, Object> attributes = op.attributes();
    if (attributes != null && !attributes.isEmpty()) {
      node.set("attributes", MAPPER.valueToTree(attributes));
    }
    return node;
  }

  /** Structural equality where numbers compare by value (1 == 1.0) and object key order is free. */
  static boolean sameJson(JsonNode expected, JsonNode actual) {
    return expected.equals((a, b) -> {
      if (a.isNumber() && b.isNumber()) {
        return a.decimalValue().compareTo(b.decimalValue());
      }
      return a.equals(b) ? 0 : 1;
    }, actual);
  }

  static String print(JsonNode node) {
    try {
      return PRINTER.writeValueAsString(node);
    } catch (Exception e) {
      return String.valueOf(node);
    }
  }
}
