package io.verso.bench.storm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ProcCpuTest {
  @Test
  void readsTheTimesAfterACommandNameWithSpacesAndParentheses() {
    String stat = "4242 (postgres: a (b) c) S 17 4242 4242 0 -1 4194560 500 0 0 0 120 30 7 3 20 0 1 0 100 0 0";
    assertArrayEquals(new long[] {17, 120 + 30, 7 + 3}, ProcCpu.parse(stat));
  }

  @Test
  void aTreeIsItsRootAndEveryDescendantOrTheRootAlone() {
    Map<Long, long[]> stats = Map.of(1L, new long[] {0, 5, 0}, 10L, new long[] {1, 100, 40}, 11L, new long[] {10, 20, 0},
        12L, new long[] {11, 3, 0}, 20L, new long[] {1, 1000, 0});
    assertEquals(163, ProcCpu.ticksOfTree(stats, p -> p == 10, true));
    // alone, without the children it reaped: a killed node's time must not show as the generator's
    assertEquals(100, ProcCpu.ticksOfTree(stats, p -> p == 10, false));
  }

  @Test
  void thisProcessUsesSomeCpu() throws Exception {
    ProcCpu cpu = new ProcCpu().process("me", ProcessHandle.current().pid());
    cpu.sample();
    long until = System.nanoTime() + 300_000_000L;
    double x = 0;
    while (System.nanoTime() < until) {
      x += Math.sqrt(x + 1);
    }
    double used = cpu.sample().get("me");
    org.junit.jupiter.api.Assertions.assertTrue(used > 0.2 && x > 0, "busy spin measured as " + used + " cores");
  }
}
