package io.verso.delta;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON-like values (String, Boolean, Number, null, List, Map): deep equality with numbers compared
 * by numeric value (as lodash isEqual on parsed JSON), JavaScript strict equality, hashing and
 * JSON-ish printing.
 */
final class Values {
  private static final Class<?> FROZEN = Collections.unmodifiableMap(new LinkedHashMap<>()).getClass();

  private Values() {}

  /** An unmodifiable insertion-ordered copy, unless the map already is one of ours. */
  static Map<String, Object> freeze(Map<String, Object> map) {
    if (map == null) {
      return null;
    }
    if (map.getClass() == FROZEN) {
      return map;
    }
    return Collections.unmodifiableMap(new LinkedHashMap<>(map));
  }

  /** As {@link #freeze} but an empty map becomes null. */
  static Map<String, Object> freezeAttributes(Map<String, Object> map) {
    if (map == null || map.isEmpty()) {
      return null;
    }
    return freeze(map);
  }

  static boolean deepEquals(Object a, Object b) {
    if (a == b) {
      return true;
    }
    if (a == null || b == null) {
      return false;
    }
    if (a instanceof Number na && b instanceof Number nb) {
      return numbersEqual(na, nb);
    }
    if (a instanceof Map<?, ?> ma && b instanceof Map<?, ?> mb) {
      if (ma.size() != mb.size()) {
        return false;
      }
      for (Map.Entry<?, ?> e : ma.entrySet()) {
        Object key = e.getKey();
        if (!mb.containsKey(key) || !deepEquals(e.getValue(), mb.get(key))) {
          return false;
        }
      }
      return true;
    }
    if (a instanceof List<?> la && b instanceof List<?> lb) {
      int n = la.size();
      if (n != lb.size()) {
        return false;
      }
      for (int i = 0; i < n; i++) {
        if (!deepEquals(la.get(i), lb.get(i))) {
          return false;
        }
      }
      return true;
    }
    return a.equals(b);
  }

  /** JavaScript {@code ===} on parsed JSON values: primitives by value, objects and arrays by identity. */
  static boolean strictEquals(Object a, Object b) {
    if (a == b) {
      return true;
    }
    if (a == null || b == null) {
      return false;
    }
    if (a instanceof Number na && b instanceof Number nb) {
      return numbersEqual(na, nb);
    }
    if (a instanceof String || a instanceof Boolean) {
      return a.equals(b);
    }
    return false;
  }

  private static boolean isIntegral(Number n) {
    return n instanceof Integer || n instanceof Long || n instanceof Short || n instanceof Byte;
  }

  static boolean numbersEqual(Number a, Number b) {
    if (isIntegral(a) && isIntegral(b)) {
      return a.longValue() == b.longValue();
    }
    if (a instanceof BigDecimal || b instanceof BigDecimal || a instanceof BigInteger
        || b instanceof BigInteger) {
      return toBig(a).compareTo(toBig(b)) == 0;
    }
    return a.doubleValue() == b.doubleValue();
  }

  private static BigDecimal toBig(Number n) {
    if (n instanceof BigDecimal bd) {
      return bd;
    }
    if (n instanceof BigInteger bi) {
      return new BigDecimal(bi);
    }
    if (isIntegral(n)) {
      return BigDecimal.valueOf(n.longValue());
    }
    return new BigDecimal(n.doubleValue());
  }

  static int hash(Object v) {
    if (v == null) {
      return 0;
    }
    if (v instanceof Number n) {
      double d = n.doubleValue();
      return d == 0 ? 0 : Double.hashCode(d);
    }
    if (v instanceof Map<?, ?> m) {
      int h = 0;
      for (Map.Entry<?, ?> e : m.entrySet()) {
        h += (e.getKey() == null ? 0 : e.getKey().hashCode()) ^ hash(e.getValue());
      }
      return h;
    }
    if (v instanceof List<?> l) {
      int h = 1;
      for (Object o : l) {
        h = 31 * h + hash(o);
      }
      return h;
    }
    return v.hashCode();
  }

  static void appendOp(StringBuilder sb, Op op) {
    sb.append('{');
    if (op instanceof Insert ins) {
      sb.append("\"insert\":");
      appendJson(sb, ins.text() != null ? ins.text() : ins.embed());
    } else if (op instanceof Retain r) {
      sb.append("\"retain\":").append(r.length());
    } else {
      sb.append("\"delete\":").append(op.length());
    }
    if (op.attributes() != null) {
      sb.append(",\"attributes\":");
      appendJson(sb, op.attributes());
    }
    sb.append('}');
  }

  static void appendJson(StringBuilder sb, Object v) {
    if (v == null) {
      sb.append("null");
    } else if (v instanceof String s) {
      appendString(sb, s);
    } else if (v instanceof Number n) {
      if (n instanceof Double || n instanceof Float) {
        double d = n.doubleValue();
        if (d == Math.rint(d) && Math.abs(d) < 1e15) {
          sb.append((long) d);
        } else {
          sb.append(d);
        }
      } else {
        sb.append(n);
      }
    } else if (v instanceof Boolean) {
      sb.append(v);
    } else if (v instanceof Map<?, ?> m) {
      sb.append('{');
      boolean first = true;
      for (Map.Entry<?, ?> e : m.entrySet()) {
        if (!first) {
          sb.append(',');
        }
        first = false;
        appendString(sb, String.valueOf(e.getKey()));
        sb.append(':');
        appendJson(sb, e.getValue());
      }
      sb.append('}');
    } else if (v instanceof List<?> l) {
      sb.append('[');
      for (int i = 0; i < l.size(); i++) {
        if (i > 0) {
          sb.append(',');
        }
        appendJson(sb, l.get(i));
      }
      sb.append(']');
    } else {
      appendString(sb, v.toString());
    }
  }

  private static void appendString(StringBuilder sb, String s) {
    sb.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> {
          if (c < 0x20 || Character.isSurrogate(c)) {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    sb.append('"');
  }
}
