package io.verso.edit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.verso.delta.ContentBytes;
import io.verso.delta.Delta;
import io.verso.protocol.doc.OpEvent;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The window without a store: transform over the ops behind, pages, and the count and byte bounds. */
class OpWindowTest {

  private static OpWindow.Entry entry(long rev, Delta delta) {
    return new OpWindow.Entry(rev, delta, "client-" + rev, 1, "user", rev, ContentBytes.of(delta));
  }

  /** Transforming over the window's tail equals transforming over each op after the base, in order. */
  @Test
  void transformsOverExactlyTheOpsAfterTheBase() {
    Random rnd = new Random(Long.getLong("verso.seed", System.nanoTime()));
    for (int round = 0; round < 300; round++) {
      OpWindow window = new OpWindow(1000, Long.MAX_VALUE);
      String text = "\n";
      int head = 5 + rnd.nextInt(20);
      Delta[] ops = new Delta[head + 1];
      for (int rev = 1; rev <= head; rev++) {
        int at = rnd.nextInt(text.length());
        ops[rev] = Delta.builder().retain(at).insert("r" + rev).build();
        text = text.substring(0, at) + "r" + rev + text.substring(at);
        window.add(entry(rev, ops[rev]));
      }
      long base = rnd.nextInt(head + 1);
      Delta op = Delta.builder().insert("X").build();
      Delta expected = op;
      for (long rev = base + 1; rev <= head; rev++) {
        expected = ops[(int) rev].transform(expected, true);
      }
      assertEquals(expected, window.transform(op, base, head));
      assertTrue(window.reaches(base, head));
    }
  }

  @Test
  void pagesEndAtTheirByteBudgetButNeverEmpty() {
    OpWindow window = new OpWindow(1000, Long.MAX_VALUE);
    Delta big = Delta.builder().insert("x".repeat(1000)).build(); // 1016 bytes
    for (int rev = 1; rev <= 5; rev++) {
      window.add(entry(rev, big));
    }
    OpWindow.Page page = window.page(0, 5, 2500);
    assertEquals(List.of(1L, 2L), page.events().stream().map(OpEvent::rev).toList());
    assertEquals(2, page.lastRev());
    assertEquals(List.of(3L), window.page(2, 5, 10).events().stream().map(OpEvent::rev).toList());
    assertEquals(List.of(4L), window.page(3, 4, 1_000_000).events().stream().map(OpEvent::rev).toList());
    assertTrue(window.page(5, 5, 10).events().isEmpty());
  }

  @Test
  void keepsWithinCountAndBytesButNeverDropsUncommittedOps() {
    OpWindow window = new OpWindow(4, 3000);
    Delta big = Delta.builder().insert("x".repeat(1000)).build();
    for (int rev = 1; rev <= 6; rev++) {
      window.add(entry(rev, big));
    }
    window.trim(1); // only rev 1 is committed
    assertEquals(5, window.size());
    window.trim(6);
    assertEquals(2, window.size(), "3 × 1016 bytes would be over 3000");
    assertEquals(2 * 1016, window.bytes());
    assertNull(window.page(0, 6, 1_000_000), "rev 1 has left the window");
    assertFalse(window.reaches(3, 6));
    assertTrue(window.reaches(4, 6));
    window.dropAfter(5);
    assertEquals(1, window.size());
    assertEquals(1016, window.bytes());
  }
}
