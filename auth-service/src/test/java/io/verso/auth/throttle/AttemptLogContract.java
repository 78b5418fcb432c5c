package io.verso.auth.throttle;

import static io.verso.auth.testing.AuthTestConfig.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.verso.auth.throttle.AttemptLog.Limit;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The attempt log contract: every {@link AttemptLog} implementation passes these cases. */
abstract class AttemptLogContract {
  static final long T = 1_000_000;
  static final long MINUTE = 60_000;
  /** Keys of one test: the adapters under test may share a store with other tests. */
  private final String prefix = "test:" + UUID.randomUUID() + ":";

  /** The implementation under test. */
  abstract AttemptLog log();

  /** Another node's view of the same counts (the same instance when counts are one node's alone). */
  abstract AttemptLog otherNode();

  String key(String name) {
    return prefix + name;
  }

  Limit limit(String name, int max) {
    return new Limit(key(name), max, MINUTE);
  }

  long take(long now, Limit... limits) {
    return await(log().take(now, List.of(limits)));
  }

  long peek(long now, Limit... limits) {
    return await(log().peek(now, List.of(limits)));
  }

  @Test
  void takeAllowsMaxInTheWindowThenAnswersTheWaitForTheOldest() {
    Limit a = limit("a", 3);
    assertThat(take(T, a)).isZero();
    assertThat(take(T + 10_000, a)).isZero();
    assertThat(take(T + 20_000, a)).isZero();
    assertThat(take(T + 30_000, a)).as("the oldest leaves at T + 60 s").isEqualTo(30_000);
    assertThat(take(T + MINUTE - 1, a)).isEqualTo(1);
    assertThat(take(T + MINUTE, a)).as("the oldest left").isZero();
    assertThat(take(T + MINUTE, a)).as("the next oldest is at T + 10 s").isEqualTo(10_000);
  }

  @Test
  void aRefusedTakeCountsNothing() {
    Limit a = limit("a", 2);
    take(T, a);
    take(T + 1000, a);
    for (int i = 0; i < 10; i++) {
      assertThat(take(T + 2000, a)).isPositive();
    }
    assertThat(take(T + MINUTE, a)).as("one place is free again").isZero();
    assertThat(take(T + MINUTE, a)).isEqualTo(1000);
  }

  @Test
  void severalLimitsCountAllOrNothingAndWaitForTheLongest() {
    Limit small = limit("small", 2);
    Limit large = limit("large", 5);
    assertThat(take(T, small, large)).isZero();
    assertThat(take(T + 5000, small, large)).isZero();
    assertThat(take(T + 10_000, small, large)).as("small is full").isEqualTo(50_000);
    assertThat(peek(T + 10_000, limit("large", 3))).as("large holds 2, not 3").isZero();
    assertThat(peek(T + 10_000, limit("large", 2))).isEqualTo(50_000);
    Limit other = limit("other", 1);
    take(T + 20_000, other);
    assertThat(take(T + 20_000, small, other)).as("the longest wait of the full ones").isEqualTo(MINUTE);
  }

  @Test
  void peekCountsNothing() {
    Limit a = limit("a", 1);
    for (int i = 0; i < 5; i++) {
      assertThat(peek(T, a)).isZero();
    }
    assertThat(take(T, a)).isZero();
    assertThat(peek(T + 1, a)).isEqualTo(MINUTE - 1);
  }

  @Test
  void addCountsEvenWhenFullAndKeepsTheNewestMax() {
    Limit a = limit("a", 3);
    for (int i = 0; i < 5; i++) {
      await(log().add(T + i * 1000L, List.of(a)));
    }
    // kept: T + 2 s, T + 3 s, T + 4 s
    assertThat(peek(T + 4000, a)).isEqualTo(MINUTE - 2000);
    assertThat(peek(T + 2000 + MINUTE, a)).as("the oldest kept left").isZero();
  }

  @Test
  void dropNewestTakesBackTheLatestAttemptOnly() {
    Limit a = limit("a", 3);
    Limit b = limit("b", 3);
    take(T, a, b);
    take(T + 10_000, a, b);
    await(log().dropNewest(List.of(a.key(), b.key())));
    take(T + 20_000, a);
    take(T + 20_000, a);
    assertThat(peek(T + 30_000, a)).as("T stayed, T + 10 s went").isEqualTo(30_000);
    assertThat(peek(T + 30_000, limit("b", 1))).as("b holds T").isEqualTo(30_000);
    assertThat(peek(T + 30_000, limit("b", 2))).as("b holds T alone").isZero();
    await(log().dropNewest(List.of(key("never-counted"))));
    assertThat(peek(T, limit("never-counted", 1))).isZero();
  }

  @Test
  void clearForgetsTheKeyAlone() {
    Limit a = limit("a", 1);
    Limit b = limit("b", 1);
    take(T, a, b);
    await(log().clear(a.key()));
    assertThat(peek(T + 1, a)).isZero();
    assertThat(peek(T + 1, b)).isPositive();
  }

  @Test
  void attemptsInTheSameMillisecondCountOneByOne() {
    Limit a = limit("a", 3);
    for (int i = 0; i < 3; i++) {
      assertThat(take(T, a)).isZero();
    }
    assertThat(take(T, a)).isEqualTo(MINUTE);
  }

  @Test
  void keysAreIndependent() {
    take(T, limit("a", 1));
    assertThat(take(T, limit("b", 1))).isZero();
    assertThat(take(T, limit("a", 1))).isPositive();
  }

  @Test
  void takesFromTwoNodesAtOnceNeverOvershoot() {
    Limit a = limit("a", 5);
    List<Future<Long>> takes = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      takes.add((i % 2 == 0 ? log() : otherNode()).take(T, List.of(a)));
    }
    await(Future.all(takes));
    assertThat(takes.stream().filter(f -> f.result() == 0)).hasSize(5);
    assertThat(await(otherNode().peek(T, List.of(a)))).isEqualTo(MINUTE);
  }
}
