package io.verso.delta;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Attribute map algebra, with the semantics of quill-delta's AttributeMap. A key present with a
 * null value means "remove this attribute" (in retains); an absent key means "unchanged". Every
 * method returns null instead of an empty map.
 */
public final class AttributeMaps {
  private AttributeMaps() {}

  /**
   * Attributes after applying {@code b} on top of {@code a}. Null values of {@code b} are kept
   * only when {@code keepNull} (composing two retains); keys of {@code a} that {@code b} does not
   * mention are carried over.
   */
  public static Map<String, Object> compose(
      Map<String, Object> a, Map<String, Object> b, boolean keepNull) {
    if (a == null || a.isEmpty()) {
      if (b == null || b.isEmpty()) {
        return null;
      }
      if (keepNull || !b.containsValue(null)) {
        return b;
      }
    }
    LinkedHashMap<String, Object> out = new LinkedHashMap<>();
    if (b != null) {
      for (Map.Entry<String, Object> e : b.entrySet()) {
        if (keepNull || e.getValue() != null) {
          out.put(e.getKey(), e.getValue());
        }
      }
    }
    if (a != null) {
      for (Map.Entry<String, Object> e : a.entrySet()) {
        if (b == null || !b.containsKey(e.getKey())) {
          out.put(e.getKey(), e.getValue());
        }
      }
    }
    return out.isEmpty() ? null : out;
  }

  /** The attribute change turning {@code a} into {@code b} (null values remove). */
  public static Map<String, Object> diff(Map<String, Object> a, Map<String, Object> b) {
    if ((a == null || a.isEmpty()) && (b == null || b.isEmpty())) {
      return null;
    }
    LinkedHashMap<String, Object> out = new LinkedHashMap<>();
    if (a != null) {
      for (String key : a.keySet()) {
        diffKey(a, b, key, out);
      }
    }
    if (b != null) {
      for (String key : b.keySet()) {
        diffKey(a, b, key, out);
      }
    }
    return out.isEmpty() ? null : out;
  }

  private static void diffKey(
      Map<String, Object> a, Map<String, Object> b, String key, Map<String, Object> out) {
    boolean inA = a != null && a.containsKey(key);
    boolean inB = b != null && b.containsKey(key);
    Object va = inA ? a.get(key) : null;
    Object vb = inB ? b.get(key) : null;
    boolean equal = inA == inB && Values.deepEquals(va, vb);
    if (!equal) {
      out.put(key, inB ? vb : null);
    }
  }

  /** The attribute change undoing {@code attr} applied on top of {@code base}. */
  public static Map<String, Object> invert(Map<String, Object> attr, Map<String, Object> base) {
    LinkedHashMap<String, Object> out = new LinkedHashMap<>();
    if (base != null && attr != null) {
      for (Map.Entry<String, Object> e : base.entrySet()) {
        String key = e.getKey();
        if (attr.containsKey(key) && !Values.strictEquals(e.getValue(), attr.get(key))) {
          out.put(key, e.getValue());
        }
      }
    }
    if (attr != null) {
      for (Map.Entry<String, Object> e : attr.entrySet()) {
        String key = e.getKey();
        boolean inBase = base != null && base.containsKey(key);
        if (!inBase) {
          // attr[key] !== undefined always holds here, so the value differs from the absent base.
          out.put(key, null);
        }
      }
    }
    return out.isEmpty() ? null : out;
  }

  /**
   * {@code b} transformed against a concurrent {@code a}: with priority, {@code a} wins on the keys
   * it sets.
   */
  public static Map<String, Object> transform(
      Map<String, Object> a, Map<String, Object> b, boolean priority) {
    if (a == null) {
      return b == null || b.isEmpty() ? null : b;
    }
    if (b == null || b.isEmpty()) {
      return null;
    }
    if (!priority) {
      return b;
    }
    LinkedHashMap<String, Object> out = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : b.entrySet()) {
      if (!a.containsKey(e.getKey())) {
        out.put(e.getKey(), e.getValue());
      }
    }
    return out.isEmpty() ? null : out;
  }
}
