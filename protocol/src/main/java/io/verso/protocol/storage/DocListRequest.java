package io.verso.protocol.storage;

import io.verso.protocol.Fields;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Locale;

/**
 * {@code {"userId"?, "query"?, "sort"?, "filter"?, "limit"?}}: which of a user's documents a list
 * shows (DOCS_LIST without userId, the acting user's; STORAGE_DOC_LIST with it). {@code query}: a
 * part of the title, at most {@link #MAX_QUERY} characters, matched case-insensitively as text (no
 * wildcards), or words of the text: each of its {@link #words()} (at most {@link #MAX_WORDS}) begins
 * a word of the document's indexed text ({@link SearchWords}); {@code sort}: {@code edited} (last
 * edited first, the default) or {@code title}; {@code filter}: {@code all} (default), {@code mine} (owner) or {@code shared} (shared with the
 * user: any other role); {@code limit}: 1..{@link #MAX_LIMIT} (default {@link #MAX_LIMIT}).
 */
public record DocListRequest(String userId, String query, Sort sort, Filter filter, int limit) {
  public static final int MAX_QUERY = 100;
  public static final int MAX_LIMIT = 1000;
  /**
   * Most distinct words a query may have: each is a prefix scan of the text index (a one-letter word
   * reads every lexeme starting with it), so their number bounds the search's cost. More is refused,
   * never silently cut: the user would see documents matching less than was typed.
   */
  public static final int MAX_WORDS = 10;

  public enum Sort { EDITED, TITLE }

  public enum Filter { ALL, MINE, SHARED }

  /** Everything of the user, last edited first: what STORAGE_DOC_LIST answered before it took parameters. */
  public static DocListRequest all(String userId) {
    return new DocListRequest(userId, null, Sort.EDITED, Filter.ALL, MAX_LIMIT);
  }

  public DocListRequest withUser(String user) {
    return new DocListRequest(user, query, sort, filter, limit);
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject();
    if (userId != null) {
      json.put("userId", userId);
    }
    if (query != null) {
      json.put("query", query);
    }
    return json.put("sort", wire(sort)).put("filter", wire(filter)).put("limit", limit);
  }

  /** Strict: a bad field is BAD_REQUEST naming it; an empty or blank query is none. */
  public static DocListRequest fromJson(JsonObject json) {
    String user = Fields.optString(json, "userId", OpRecord.MAX_ID_LENGTH);
    Object q = json.getValue("query");
    String query = null;
    if (q != null) {
      if (!(q instanceof String s)) {
        throw Fields.bad("query must be a string");
      }
      if (s.length() > MAX_QUERY) {
        throw Fields.bad("query is longer than " + MAX_QUERY + " characters");
      }
      if (s.codePoints().anyMatch(Character::isISOControl)) {
        throw Fields.bad("query must not contain control characters");
      }
      query = s.isBlank() ? null : s.strip();
      if (query != null && SearchWords.of(query).size() > MAX_WORDS) {
        throw Fields.bad("query has more than " + MAX_WORDS + " words");
      }
    }
    Long limit = Fields.optInteger(json, "limit", 1, MAX_LIMIT);
    return new DocListRequest(user, query, choice(json, "sort", Sort.class, Sort.EDITED),
        choice(json, "filter", Filter.class, Filter.ALL), limit == null ? MAX_LIMIT : limit.intValue());
  }

  /** The distinct words of {@code query} the text must have word prefixes for ({@link SearchWords}); none without a query. */
  public List<String> words() {
    return query == null ? List.of() : SearchWords.of(query);
  }

  /** {@code query} as a LIKE pattern matching titles that contain it: %, _ and \ escaped with \. */
  public String likePattern() {
    if (query == null) {
      return "%";
    }
    StringBuilder p = new StringBuilder(query.length() + 2).append('%');
    for (char c : query.toCharArray()) {
      if (c == '%' || c == '_' || c == '\\') {
        p.append('\\');
      }
      p.append(c);
    }
    return p.append('%').toString();
  }

  private static <E extends Enum<E>> E choice(JsonObject json, String field, Class<E> type, E dflt) {
    Object v = json.getValue(field);
    if (v == null) {
      return dflt;
    }
    if (v instanceof String s) {
      for (E e : type.getEnumConstants()) {
        if (wire(e).equals(s)) {
          return e;
        }
      }
    }
    StringBuilder allowed = new StringBuilder();
    for (E e : type.getEnumConstants()) {
      allowed.append(allowed.length() == 0 ? "" : ", ").append(wire(e));
    }
    throw Fields.bad(field + " must be one of " + allowed);
  }

  private static String wire(Enum<?> e) {
    return e.name().toLowerCase(Locale.ROOT);
  }
}
