package io.verso.storage;

import io.verso.protocol.storage.SearchWords;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What the content search index ({@code doc_search}, V13) holds of a document: the distinct
 * {@link SearchWords} of its text, made here in Java rather than by PostgreSQL's parser so the text
 * and the query are split and lower-cased by one rule (the parser keeps {@code foo.bar} or an e-mail
 * address whole, and lower-cases by the database's locale: C, ASCII only, on the embedded server).
 * PostgreSQL takes them as they are ({@code array_to_tsvector}: no parsing, no stemming).
 */
final class SearchText {
  /**
   * Most UTF-8 bytes of words one document's index holds. A tsvector holds less than 1 MiB of lexemes
   * ("string is too long for tsvector"); a document may hold 4 Mi characters of distinct words, far
   * more. Words are taken in the order they first appear: the words a document first uses after this
   * much are not indexed (ordinary prose of the largest size stays well under it).
   */
  static final int MAX_BYTES = 1_000_000;

  private SearchText() {}

  /** The lexemes of a document's content (delta ops): words in first-appearance order, within {@link #MAX_BYTES}. */
  static String[] lexemes(JsonArray content) {
    Set<String> seen = new HashSet<>();
    List<String> kept = new ArrayList<>();
    int[] bytes = {0};
    SearchWords.each(text(content), w -> {
      if (!seen.add(w)) {
        return true;
      }
      int size = utf8Bytes(w);
      if (bytes[0] + size > MAX_BYTES) {
        return false; // full: stop here, so what is indexed is a prefix of the document's vocabulary
      }
      bytes[0] += size;
      kept.add(w);
      return true;
    });
    return kept.toArray(new String[0]);
  }

  /** The text of a delta: its string inserts in order, each embed (an image…) a separator between words. */
  static String text(JsonArray content) {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < content.size(); i++) {
      Object insert = content.getValue(i) instanceof JsonObject op ? op.getValue("insert") : null;
      text.append(insert instanceof String s ? s : "\n");
    }
    return text.toString();
  }

  static int utf8Bytes(String s) {
    int n = 0;
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      i += Character.charCount(cp);
      n += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
    }
    return n;
  }
}
