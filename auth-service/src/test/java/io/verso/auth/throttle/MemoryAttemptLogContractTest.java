package io.verso.auth.throttle;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class MemoryAttemptLogContractTest extends AttemptLogContract {
  private final MemoryAttemptLog log = new MemoryAttemptLog();

  @Override
  AttemptLog log() {
    return log;
  }

  @Override
  AttemptLog otherNode() {
    return log;
  }

  @Test
  void sweepForgetsKeysWhoseAttemptsAllLeftTheirWindow() {
    log.add(T, List.of(new AttemptLog.Limit(key("short"), 5, 1000)));
    log.add(T, List.of(limit("long", 5)));
    log.sweep(T + 1000);
    assertThat(log.size()).isEqualTo(1);
    log.sweep(T + MINUTE);
    assertThat(log.size()).isZero();
  }
}
