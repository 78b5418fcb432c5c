package io.verso.convert;

import java.util.Map;

/**
 * A piece of one line: text with its inline formats, or an image (its URL in {@code image}).
 *
 * @param text       the text, null for an image
 * @param image      the image URL, null for text
 * @param attributes inline formats (bold, link, …) and, for an image, alt/width/height
 */
record Run(String text, String image, Map<String, Object> attributes) {
  Run {
    attributes = attributes == null ? Map.of() : attributes;
  }

  boolean is(String format) {
    return Boolean.TRUE.equals(attributes.get(format));
  }

  String string(String format) {
    Object v = attributes.get(format);
    return v instanceof String s ? s : null;
  }
}
