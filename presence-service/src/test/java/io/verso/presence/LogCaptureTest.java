package io.verso.presence;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The error check of the outage tests can fail: it sees our errors and exceptions escaping our code. */
class LogCaptureTest {
  @Test
  void collectsErrorsThatConcernVersoOnly() {
    try (LogCapture capture = LogCapture.errors()) {
      LoggerFactory.getLogger("io.verso.presence.Somewhere").error("ours");
      LoggerFactory.getLogger("io.vertx.core.impl.ContextImpl").error("Unhandled exception",
          new IllegalStateException("thrown here, through io.verso frames"));
      LoggerFactory.getLogger("io.vertx.redis.client.impl.RedisConnectionManager").error("library noise");
      LoggerFactory.getLogger("io.verso.presence.Somewhere").warn("not an error");
      assertThat(capture.errorsSoFar()).hasSize(2);
      assertThat(capture.errorsSoFar().get(0)).contains("ours");
      assertThat(capture.errorsSoFar().get(1)).contains("IllegalStateException");
    }
  }
}
