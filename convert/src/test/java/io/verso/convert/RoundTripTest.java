package io.verso.convert;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.verso.delta.Delta;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Property: a random document within what a format carries, exported and imported again, is the
 * same document. The seed is printed; rerun one with -Dconvert.seed=N.
 */
class RoundTripTest {
  private static final Converters CONVERTERS = new Converters(
      ConvertLimits.defaults().withFormats(withTable()), ImageStore.inline(256 * 1024));

  static Set<String> withTable() {
    Set<String> f = new HashSet<>(ConvertLimits.defaults().formats());
    f.add("table");
    return f;
  }

  @Test
  void html() {
    roundTrip(DocFormat.HTML, RandomDocs.HTML, 300);
  }

  @Test
  void markdown() {
    roundTrip(DocFormat.MARKDOWN, RandomDocs.MARKDOWN, 300);
  }

  @Test
  void docx() {
    roundTrip(DocFormat.DOCX, RandomDocs.DOCX, 40);
  }

  private static void roundTrip(DocFormat format, RandomDocs.Profile profile, int count) {
    long seed = Long.getLong("convert.seed", System.nanoTime());
    System.out.println(format + " round trip, seed " + seed);
    RandomDocs docs = new RandomDocs(seed, profile);
    for (int i = 0; i < count; i++) {
      Delta doc = docs.next();
      ExportResult file = CONVERTERS.export(format, doc, "t", ImageSource.DATA_URLS);
      ImportResult back = CONVERTERS.importFile(format, file.bytes());
      int n = i;
      assertEquals(doc, back.content(), () -> format + " seed " + seed + " document #" + n
          + (format == DocFormat.DOCX ? "" : "\nexported:\n" + new String(file.bytes(), StandardCharsets.UTF_8)));
      assertEquals(List.of(), back.skipped(), "seed " + seed);
    }
  }
}
