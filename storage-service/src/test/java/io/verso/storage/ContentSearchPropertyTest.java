package io.verso.storage;

import static io.verso.storage.ContentSearchStorageTest.docWithText;
import static io.verso.storage.ContentSearchStorageTest.search;
import static org.assertj.core.api.Assertions.assertThat;

import io.verso.protocol.Addresses;
import io.verso.protocol.Role;
import io.verso.protocol.storage.MemberRequest;
import io.verso.storage.testing.TestPostgres;
import io.vertx.core.json.JsonObject;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The content search against a naive model: random small documents of random words (ASCII, é/É,
 * ß/ẞ, Cyrillic, Greek, digits) with random owners, shares and trash, random queries (prefixes of
 * their words in any case, noise words, tsquery and LIKE syntax), each answer equal to: the title
 * contains the query, or every query word begins some word of the text after the same lower-casing.
 * The seed is printed; {@code -Dverso.searchSeed=N} replays one.
 */
class ContentSearchPropertyTest {
  private static final String LETTERS = "abcdeéÉßẞжЖяЯσΣςABCDE0123";
  private static final String NOISE = " ,.-&|!():*'\\<>%_"; // no control characters: the list refuses them
  private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}\\p{M}]+");
  private static StorageFixture storage;

  @BeforeAll
  static void deploy() {
    storage = StorageFixture.deploy(TestPostgres.storageConfig(ContentSearchPropertyTest.class));
  }

  @AfterAll
  static void undeploy() {
    storage.close();
  }

  private record Doc(String id, String title, String text) {}

  @Test
  void theListAnswersAsTheNaiveModel() {
    long seed = Long.getLong("verso.searchSeed", System.nanoTime());
    System.out.println("ContentSearchPropertyTest seed " + seed + " (replay: -Dverso.searchSeed=" + seed + ")");
    Random rnd = new Random(seed);
    List<Doc> visible = new ArrayList<>();
    List<String> vocabulary = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      List<String> words = new ArrayList<>();
      for (int n = 1 + rnd.nextInt(12); n > 0; n--) {
        String w = rnd.nextInt(3) == 0 && !vocabulary.isEmpty() ? vocabulary.get(rnd.nextInt(vocabulary.size())) : word(rnd);
        words.add(w);
        vocabulary.add(w);
      }
      String text = String.join(" ", words.stream().map(w -> w + (rnd.nextInt(4) == 0 ? "," : "")).toList());
      String title = asciiTitle(rnd);
      boolean mine = rnd.nextInt(3) > 0;
      String id = docWithText(storage, mine ? "lister" : "other", title, text);
      boolean shared = !mine && rnd.nextBoolean();
      if (shared) {
        storage.call(Addresses.STORAGE_MEMBER_PUT, new MemberRequest(id, "lister", Role.VIEWER).toJson());
      }
      boolean trashed = rnd.nextInt(6) == 0;
      if (trashed) {
        storage.call(Addresses.STORAGE_DOC_TRASH, new MemberRequest(id, mine ? "lister" : "other", null).toJson());
      }
      if ((mine || shared) && !trashed) {
        visible.add(new Doc(id, title, text));
      }
    }
    for (int i = 0; i < 300; i++) {
      String q = query(rnd, vocabulary);
      if (q.isBlank() || WORD.matcher(q).results().map(m -> lower(m.group())).distinct().count() > 10) {
        continue;
      }
      Map<String, String> expected = new HashMap<>();
      for (Doc d : visible) {
        String match = model(d, q);
        if (match != null) {
          expected.put(d.id(), match);
        }
      }
      assertThat(search(storage, "lister", q, null)).as("seed %d, query «%s»", seed, q).isEqualTo(expected);
    }
  }

  /** The model: "title" when the title contains q (case-insensitively), "text" when every word of q begins a word of the text. */
  private static String model(Doc d, String query) {
    String q = query.strip();
    if (d.title().toLowerCase(Locale.ROOT).contains(q.toLowerCase(Locale.ROOT))) {
      return "title";
    }
    List<String> qWords = words(q);
    List<String> textWords = words(d.text());
    if (!qWords.isEmpty() && qWords.stream().allMatch(w -> textWords.stream().anyMatch(t -> t.startsWith(w)))) {
      return "text";
    }
    return null;
  }

  private static List<String> words(String s) {
    List<String> out = new ArrayList<>();
    Matcher m = WORD.matcher(Normalizer.normalize(s, Normalizer.Form.NFC));
    while (m.find()) {
      out.add(lower(m.group()));
    }
    return out;
  }

  private static String lower(String w) {
    StringBuilder b = new StringBuilder();
    w.codePoints().forEach(cp -> b.appendCodePoint(Character.toLowerCase(cp)));
    return b.toString();
  }

  private static String word(Random rnd) {
    StringBuilder w = new StringBuilder();
    for (int n = 1 + rnd.nextInt(6); n > 0; n--) {
      w.append(LETTERS.charAt(rnd.nextInt(LETTERS.length())));
    }
    return w.toString();
  }

  /** Titles in ASCII: the title match is PostgreSQL's ILIKE, which lower-cases ASCII only under the C locale. */
  private static String asciiTitle(Random rnd) {
    StringBuilder t = new StringBuilder();
    for (int n = 1 + rnd.nextInt(12); n > 0; n--) {
      t.append("abcde ABCDE%_'\\".charAt(rnd.nextInt(15)));
    }
    return t.toString().isBlank() ? "t" : t.toString();
  }

  private static String query(Random rnd, List<String> vocabulary) {
    StringBuilder q = new StringBuilder();
    for (int n = 1 + rnd.nextInt(4); n > 0; n--) {
      if (q.length() > 0 || rnd.nextBoolean()) {
        for (int k = 1 + rnd.nextInt(2); k > 0; k--) {
          q.append(NOISE.charAt(rnd.nextInt(NOISE.length())));
        }
      }
      switch (rnd.nextInt(4)) {
        case 0 -> q.append(word(rnd)); // a word that may be in no text
        case 1 -> q.append(asciiTitle(rnd)); // perhaps a part of a title
        default -> { // a prefix of a word of some text, its case changed at random
          String w = vocabulary.get(rnd.nextInt(vocabulary.size()));
          String prefix = w.substring(0, w.offsetByCodePoints(0, 1 + rnd.nextInt(w.codePointCount(0, w.length()))));
          prefix.codePoints().forEach(cp -> q.appendCodePoint(switch (rnd.nextInt(3)) {
            case 0 -> Character.toUpperCase(cp);
            case 1 -> Character.toLowerCase(cp);
            default -> cp;
          }));
        }
      }
    }
    return q.length() > 100 ? q.substring(0, 100) : q.toString();
  }
}
