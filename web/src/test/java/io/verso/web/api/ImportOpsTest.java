package io.verso.web.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.verso.delta.ContentBytes;
import io.verso.delta.Delta;
import io.verso.delta.Insert;
import io.verso.delta.Op;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Randomized: any imported document, cut into ops by {@link ImportOps}, rebuilds exactly from the
 * empty document, and every op stays within the op limits it was given (the sequencer's checks).
 */
class ImportOpsTest {
  private static final String[] WORDS = {"a", "word ", "émigré ", "😀", "שלום ", "\n", "x".repeat(40), "🇫🇷 "};

  @Test
  void opsRebuildTheDocumentWithinTheLimits() {
    for (int seed = 1; seed <= 400; seed++) {
      Random r = new Random(seed);
      Delta content = randomDocument(r);
      ImportOps.Limits limits = new ImportOps.Limits(8 + r.nextInt(200), 3 + r.nextInt(20), 200 + r.nextInt(2_000));
      List<Delta> ops = ImportOps.of(content, limits);
      Delta doc = Delta.builder().insert("\n").build();
      for (Delta op : ops) {
        assertThat(op.baseLength()).as("seed %d: applies to what is built", seed).isLessThanOrEqualTo(doc.length());
        assertThat(inserted(op)).as("seed %d chars", seed).isLessThanOrEqualTo(limits.maxChars());
        assertThat(op.size()).as("seed %d components", seed).isLessThanOrEqualTo(limits.maxComponents());
        assertThat(ContentBytes.of(op)).as("seed %d bytes", seed).isLessThanOrEqualTo(limits.maxBytes());
        doc = doc.compose(op);
      }
      assertThat(doc).as("seed %d: %s", seed, content).isEqualTo(content);
    }
  }

  @Test
  void anEmptyDocumentNeedsNoOpAndAFormattedEmptyLineOne() {
    ImportOps.Limits limits = new ImportOps.Limits(100, 100, 10_000);
    assertThat(ImportOps.of(Delta.builder().insert("\n").build(), limits)).isEmpty();
    Delta heading = Delta.builder().insert("\n", Map.of("header", 1)).build();
    assertThat(ImportOps.of(heading, limits)).containsExactly(Delta.builder().retain(1, Map.of("header", 1)).build());
  }

  @Test
  void aSurrogatePairIsNeverCut() {
    Delta content = Delta.builder().insert("😀".repeat(50) + "\n").build();
    for (Delta op : ImportOps.of(content, new ImportOps.Limits(7, 10, 10_000))) {
      for (Op o : op.ops()) {
        if (o instanceof Insert i && i.text() != null) {
          assertThat(Character.isHighSurrogate(i.text().charAt(i.text().length() - 1))).isFalse();
        }
      }
    }
  }

  private static int inserted(Delta op) {
    return op.ops().stream().filter(o -> o instanceof Insert).mapToInt(Op::length).sum();
  }

  private static Delta randomDocument(Random r) {
    Delta.Builder b = Delta.builder();
    int parts = r.nextInt(60);
    for (int i = 0; i < parts; i++) {
      if (r.nextInt(12) == 0) {
        b.insertEmbed(Map.of("image", "https://example.com/" + r.nextInt(9) + ".png"), Map.of());
        continue;
      }
      String text = WORDS[r.nextInt(WORDS.length)].repeat(1 + r.nextInt(r.nextInt(8) == 0 ? 300 : 3));
      Map<String, Object> attrs = switch (r.nextInt(5)) {
        case 0 -> Map.of("bold", true);
        case 1 -> Map.of("link", "https://example.com/" + "p".repeat(r.nextInt(30)));
        default -> Map.of();
      };
      b.insert(text, attrs);
    }
    Map<String, Object> lastLine = r.nextBoolean() ? Map.of() : Map.of("list", "bullet", "indent", 1 + r.nextInt(3));
    return b.insert("\n", lastLine).build();
  }
}
