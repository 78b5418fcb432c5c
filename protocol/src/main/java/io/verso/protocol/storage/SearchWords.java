package io.verso.protocol.storage;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Words as the document list's content search sees them, one rule for the text and the query (so a
 * query word typed as it reads in the text always finds it): NFC, then runs of letters, numbers and
 * combining marks (marks belong to words: Devanagari or Thai vowel signs must not split one), each
 * lower-cased code point by code point and cut to {@link #MAX_WORD} code points. Per-code-point
 * simple lower-casing has no context (no final sigma, no expansion), so the lower-case of a prefix is
 * always a prefix of the lower-case word: prefix search stays exact. Cutting words loses nothing, as
 * no query word is longer. Not language-aware: no stemming, no accent folding, and a script written
 * without spaces (Chinese, Japanese) is one word per run, found by its beginning only.
 */
public final class SearchWords {
  /** Code points kept of a word: a query (at most {@link DocListRequest#MAX_QUERY} characters) never has longer ones. */
  public static final int MAX_WORD = DocListRequest.MAX_QUERY;

  private SearchWords() {}

  /** The distinct words of {@code text}, in the order they first appear. */
  public static List<String> of(String text) {
    Set<String> words = new LinkedHashSet<>();
    each(text, w -> {
      words.add(w); // not words::add: its false for a repeat would end the scan there
      return true;
    });
    return new ArrayList<>(words);
  }

  /**
   * Gives each word of {@code text} (repeats included) to {@code sink}, in order, until it answers
   * false.
   */
  public static void each(String text, Predicate<String> sink) {
    String s = Normalizer.isNormalized(text, Normalizer.Form.NFC) ? text : Normalizer.normalize(text, Normalizer.Form.NFC);
    StringBuilder word = new StringBuilder();
    int kept = 0;
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      i += Character.charCount(cp);
      if (isWordPart(cp)) {
        if (kept < MAX_WORD) {
          word.appendCodePoint(Character.toLowerCase(cp));
          kept++;
        }
      } else if (kept > 0) {
        if (!sink.test(word.toString())) {
          return;
        }
        word.setLength(0);
        kept = 0;
      }
    }
    if (kept > 0) {
      sink.test(word.toString());
    }
  }

  /**
   * Letters, numbers (digits of any script, Roman numerals, superscripts) and combining marks make
   * words — Unicode's {@code [\p{L}\p{N}\p{M}]}, as the browser's {@code docs-query.js} counts
   * them; everything else separates them.
   */
  static boolean isWordPart(int cp) {
    return switch (Character.getType(cp)) {
      case Character.UPPERCASE_LETTER, Character.LOWERCASE_LETTER, Character.TITLECASE_LETTER,
          Character.MODIFIER_LETTER, Character.OTHER_LETTER, Character.DECIMAL_DIGIT_NUMBER,
          Character.LETTER_NUMBER, Character.OTHER_NUMBER, Character.NON_SPACING_MARK,
          Character.COMBINING_SPACING_MARK, Character.ENCLOSING_MARK -> true;
      default -> false;
    };
  }

  /**
   * A PostgreSQL tsquery matching a text that has, for every one of {@code words}, a word it begins
   * (each {@code 'word':*}, ANDed); null for no words. Each word is quoted with its quotes and
   * backslashes doubled, so nothing in it is tsquery syntax (words never hold either: defence in depth).
   */
  public static String prefixQuery(List<String> words) {
    if (words.isEmpty()) {
      return null;
    }
    StringBuilder q = new StringBuilder();
    for (String w : words) {
      if (q.length() > 0) {
        q.append(" & ");
      }
      q.append('\'').append(w.replace("\\", "\\\\").replace("'", "''")).append("':*");
    }
    return q.toString();
  }
}
