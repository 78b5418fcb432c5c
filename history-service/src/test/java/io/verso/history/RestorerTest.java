package io.verso.history;

import static org.assertj.core.api.Assertions.assertThat;

import io.verso.delta.Delete;
import io.verso.delta.Delta;
import io.verso.delta.Op;
import io.verso.runtime.DocumentRebuilder;
import io.verso.runtime.testing.RandomEdits;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** A restore's change: it turns the head into the revision and never deletes the final newline. */
class RestorerTest {
  private static void check(Delta head, Delta target) {
    Delta change = Restorer.change(head, target);
    assertThat(head.compose(change)).as("%s → %s by %s", head, target, change).isEqualTo(target);
    int pos = 0;
    for (Op op : change.ops()) {
      if (op instanceof Delete d) {
        assertThat(pos + d.length()).as("%s deletes the final newline of %s", change, head).isLessThan(head.length());
      }
      if (!(op instanceof io.verso.delta.Insert)) {
        pos += op.length();
      }
    }
  }

  @Test
  void theFinalNewlineIsKeptAndOnlyReformatted() {
    check(Delta.builder().insert("\n\n").build(), DocumentRebuilder.EMPTY_DOCUMENT);
    check(Delta.builder().insert("a\n\nb\n\n").build(), Delta.builder().insert("a\n").build());
    check(Delta.builder().insert("Title").insert("\n", Map.of("header", 1)).build(), Delta.builder().insert("Title\n").build());
    check(Delta.builder().insert("x\n").build(), Delta.builder().insert("\n", Map.of("list", "bullet")).build());
    assertThat(Restorer.change(Delta.builder().insert("same\n").build(), Delta.builder().insert("same\n").build()).size())
        .isZero();
  }

  @Test
  void everyRevisionOfARandomHistoryIsReachedFromEveryOther() {
    Random rnd = new Random(23);
    for (int c = 0; c < 30; c++) {
      List<Delta> contents = new ArrayList<>(List.of(DocumentRebuilder.EMPTY_DOCUMENT));
      for (int i = 0; i < 40; i++) {
        Delta last = contents.get(contents.size() - 1);
        contents.add(last.compose(RandomEdits.next(rnd, last)));
      }
      for (int k = 0; k < 40; k++) {
        check(contents.get(rnd.nextInt(contents.size())), contents.get(rnd.nextInt(contents.size())));
      }
    }
  }
}
