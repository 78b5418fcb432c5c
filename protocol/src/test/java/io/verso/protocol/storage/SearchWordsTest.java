package io.verso.protocol.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.verso.protocol.ErrorCode;
import io.verso.protocol.Role;
import io.verso.protocol.VersoException;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The content search's words: one rule for text and query, and the query's limits. */
class SearchWordsTest {
  @Test
  void wordsAreRunsOfLettersDigitsAndMarksLowerCasedOnceEach() {
    assertEquals(List.of("budget", "2027", "straße", "été", "привет", "мир", "e", "mail", "foo", "bar", "x", "org"),
        SearchWords.of("Budget 2027: Straße, ÉTÉ; ПРИВЕТ мир! e-mail foo.bar@x.org budget"));
    assertEquals(List.of("हिन्दी", "भाषा"), SearchWords.of("हिन्दी भाषा"), "vowel signs are marks: inside the word");
    assertEquals(List.of("\u00e9t\u00e9"), SearchWords.of("e\u0301te\u0301"), "NFC first");
    assertEquals(List.of(), SearchWords.of(" \t!?&|:*'\\() "));
  }

  @Test
  void aRepeatedWordIsKeptOnceAndTheWordsAfterItCount() {
    assertEquals(List.of("c", "aaaaa", "1b"), SearchWords.of("c\\C aAaaa_c''<1b"));
    assertEquals(List.of("a", "b", "c"), SearchWords.of("a a b a c"));
  }

  @Test
  void lowerCasingIsPerCodePointSoAPrefixStaysAPrefix() {
    // String.toLowerCase gives a final sigma at the end of "ΟΔΟΣ" but not inside "ΟΔΟΣΑ"
    String word = SearchWords.of("ΟΔΟΣΑ").get(0);
    String prefix = SearchWords.of("ΟΔΟΣ").get(0);
    assertTrue(word.startsWith(prefix), word + " / " + prefix);
    assertEquals(8, SearchWords.of("İstanbul").get(0).length(), "one code point stays one");
  }

  @Test
  void longWordsAreCutToTheLongestQueryWord() {
    String longWord = "a".repeat(SearchWords.MAX_WORD + 50);
    assertEquals(List.of("a".repeat(SearchWords.MAX_WORD), "b"), SearchWords.of(longWord + " b"));
    String astral = SearchWords.of("\uD835\uDC00".repeat(SearchWords.MAX_WORD + 1)).get(0); // bold A: a letter, two chars
    assertEquals(SearchWords.MAX_WORD, astral.codePointCount(0, astral.length()));
  }

  @Test
  void thePrefixQueryQuotesEveryWord() {
    assertNull(SearchWords.prefixQuery(List.of()));
    assertEquals("'plan':* & 'été':*", SearchWords.prefixQuery(List.of("plan", "été")));
    assertEquals("'a''b':* & 'c\\\\d':*", SearchWords.prefixQuery(List.of("a'b", "c\\d")));
  }

  @Test
  void aQueryHasAtMostTenDistinctWords() {
    String ten = "a b c d e f g h i j";
    assertEquals(10, DocListRequest.fromJson(new JsonObject().put("query", ten + " A b")).words().size());
    VersoException e = assertThrows(VersoException.class,
        () -> DocListRequest.fromJson(new JsonObject().put("query", ten + " k")));
    assertEquals(ErrorCode.BAD_REQUEST, e.code());
    assertTrue(e.getMessage().contains("more than 10 words"), e.getMessage());
    assertEquals(List.of(), DocListRequest.fromJson(new JsonObject().put("query", "&|!():*'\\")).words());
    assertEquals(List.of(), DocListRequest.fromJson(new JsonObject()).words());
  }

  @Test
  void aSummarySaysWhereItMatchedOnlyWhenAsked() {
    assertFalse(new DocSummary("doc-1", "Plan", Role.OWNER, 5).toJson().containsKey("match"));
    DocSummary text = new DocSummary("doc-1", "Plan", Role.OWNER, 5, DocSummary.TEXT);
    assertEquals(text, DocSummary.fromJson(text.toJson()));
    assertThrows(VersoException.class, () -> DocSummary.fromJson(text.toJson().put("match", "body")));
  }
}
