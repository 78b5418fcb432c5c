package io.verso.presence;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ThrottleTest {
  private final ManualTimers timers = new ManualTimers();
  private final List<String> out = new ArrayList<>();
  private final Throttle<String, Integer> throttle = new Throttle<>(timers, 100, (k, v) -> out.add(k + "=" + v));

  @Test
  void firstStateGoesOutAtOnce() {
    throttle.offer("a", 1);
    assertThat(out).containsExactly("a=1");
    assertThat(timers.scheduled()).isZero();
  }

  @Test
  void burstIsCoalescedToTheLatestState() {
    for (int i = 1; i <= 50; i++) {
      throttle.offer("a", i);
    }
    assertThat(out).containsExactly("a=1");
    timers.advance(99);
    assertThat(out).containsExactly("a=1");
    timers.advance(1);
    assertThat(out).containsExactly("a=1", "a=50");
    assertThat(throttle.emitted()).isEqualTo(2);
    assertThat(throttle.coalesced()).isEqualTo(48);
  }

  @Test
  void stateAfterAQuietIntervalIsNotDelayed() {
    throttle.offer("a", 1);
    timers.advance(150);
    throttle.offer("a", 2);
    assertThat(out).containsExactly("a=1", "a=2");
  }

  @Test
  void keysAreThrottledIndependently() {
    throttle.offer("a", 1);
    throttle.offer("b", 1);
    throttle.offer("a", 2);
    assertThat(out).containsExactly("a=1", "b=1");
    timers.advance(100);
    assertThat(out).containsExactly("a=1", "b=1", "a=2");
  }

  @Test
  void cancelDropsThePendingState() {
    throttle.offer("a", 1);
    throttle.offer("a", 2);
    throttle.cancel("a");
    timers.advance(1000);
    assertThat(out).containsExactly("a=1");
    assertThat(throttle.coalesced()).isEqualTo(1);
    assertThat(timers.scheduled()).isZero();
    throttle.offer("a", 3); // a new life of the key starts unthrottled
    assertThat(out).containsExactly("a=1", "a=3");
  }

  @Test
  void randomTrafficNeverExceedsTheRateAndEndsOnTheLastState() {
    long seed = System.nanoTime();
    Random random = new Random(seed);
    List<Long> times = new ArrayList<>();
    List<Integer> values = new ArrayList<>();
    Throttle<String, Integer> t = new Throttle<>(timers, 100, (k, v) -> {
      times.add(timers.now());
      values.add(v);
    });
    int last = 0;
    for (int i = 1; i <= 5000; i++) {
      t.offer("a", i);
      last = i;
      timers.advance(random.nextInt(5));
    }
    timers.advance(200);
    String why = "seed " + seed;
    assertThat(values).as(why).isSorted();
    assertThat(values.get(values.size() - 1)).as(why).isEqualTo(last);
    for (int i = 1; i < times.size(); i++) {
      assertThat(times.get(i) - times.get(i - 1)).as(why).isGreaterThanOrEqualTo(100);
    }
    assertThat(t.emitted() + t.coalesced()).as(why).isEqualTo(5000);
  }
}
