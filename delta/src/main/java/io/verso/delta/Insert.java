package io.verso.delta;

import java.util.Map;

/**
 * Inserts text or one embed. Exactly one of {@code text} / {@code embed} is non-null; an embed is a
 * one-key map such as {@code {"image":"url"}} and counts as one code unit.
 */
public record Insert(String text, Map<String, Object> embed, Map<String, Object> attributes)
    implements Op {

  public Insert {
    if ((text == null) == (embed == null)) {
      throw new IllegalArgumentException("an insert holds exactly one of text or embed");
    }
    if (embed != null) {
      if (embed.size() != 1) {
        throw new IllegalArgumentException("an embed is a map with exactly one key");
      }
      embed = Values.freeze(embed);
    }
    attributes = Values.freezeAttributes(attributes);
  }

  public Insert(String text) {
    this(text, null, null);
  }

  public Insert(String text, Map<String, Object> attributes) {
    this(text, null, attributes);
  }

  public boolean isEmbed() {
    return embed != null;
  }

  @Override
  public int length() {
    return text != null ? text.length() : 1;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Insert other
        && (text == null ? other.text == null : text.equals(other.text))
        && Values.deepEquals(embed, other.embed)
        && Values.deepEquals(attributes, other.attributes);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * (text == null ? 0 : text.hashCode()) + Values.hash(embed))
        + Values.hash(attributes);
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder();
    Values.appendOp(sb, this);
    return sb.toString();
  }
}
