package io.verso.delta;

import java.util.Map;

/**
 * How many bytes content weighs: the measure behind every byte limit of ops and documents. It is
 * close to the size of the content as Quill JSON in UTF-8 and it counts everything a hostile op
 * could make large, which a count of characters does not: an embed is one character whatever its
 * value (a 1 MB {@code data:} image), and a format is zero characters whatever it repeats over.
 *
 * <ul>
 *   <li>text: its UTF-8 bytes (a surrogate pair 4, each half of a lone one 2);</li>
 *   <li>per op component or document run: {@value #PER_PART} bytes of structure;</li>
 *   <li>an attribute or an embed: its key, plus its value (a string's UTF-8 bytes, a number or
 *       boolean as written), plus {@value #PER_ENTRY} bytes of punctuation.</li>
 * </ul>
 */
public final class ContentBytes {
  /** Structure of one op component or document run: {@code {"insert":…,"attributes":{…}},}. */
  public static final int PER_PART = 16;
  /** Punctuation of one key and value: quotes, colon, comma. */
  public static final int PER_ENTRY = 6;

  private ContentBytes() {}

  /** UTF-8 bytes of {@code s}. */
  public static long utf8(CharSequence s) {
    return utf8(s, 0, s.length());
  }

  /** UTF-8 bytes of {@code s[from, to)}. */
  public static long utf8(CharSequence s, int from, int to) {
    long n = 0;
    for (int i = from; i < to; i++) {
      n += utf8(s.charAt(i));
    }
    return n;
  }

  /** UTF-8 bytes of one UTF-16 unit; a surrogate half counts 2, so a pair counts 4. */
  static int utf8(char c) {
    if (c < 0x80) {
      return 1;
    }
    if (c < 0x800 || Character.isSurrogate(c)) {
      return 2;
    }
    return 3;
  }

  /** An attribute map's or an embed's bytes (0 for null). */
  public static long ofMap(Map<String, Object> map) {
    if (map == null) {
      return 0;
    }
    long n = 0;
    for (Map.Entry<String, Object> e : map.entrySet()) {
      n += PER_ENTRY + utf8(e.getKey()) + ofValue(e.getValue());
    }
    return n;
  }

  private static long ofValue(Object v) {
    if (v == null) {
      return 4;
    }
    if (v instanceof CharSequence s) {
      return utf8(s);
    }
    return v.toString().length();
  }

  /** One op component's bytes. */
  public static long of(Op op) {
    long n = PER_PART + ofMap(op.attributes());
    if (op instanceof Insert ins) {
      n += ins.text() != null ? utf8(ins.text()) : ofMap(ins.embed());
    }
    return n;
  }

  /** A delta's bytes: the sum of its components'. */
  public static long of(Delta delta) {
    long n = 0;
    for (Op op : delta.ops()) {
      n += of(op);
    }
    return n;
  }
}
