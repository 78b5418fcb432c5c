package io.verso.edit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Timer;
import io.verso.protocol.ErrorCode;
import io.verso.runtime.Failures;
import io.vertx.core.Future;
import java.util.function.Supplier;

/**
 * edit-service's domain metrics in Micrometer's global registry (exported by the app as
 * Prometheus {@code /metrics}; no-ops when no registry is installed): ops submitted, committed,
 * answered as duplicates and rejected by failure code, the submit-to-acknowledgement latency
 * histogram, and the number of documents this node sequences.
 */
final class EditMetrics {
  private final MeterRegistry registry = Metrics.globalRegistry;
  private final Counter submitted = Counter.builder("verso.edit.ops.submitted")
      .description("submit requests received").register(registry);
  private final Counter committed = Counter.builder("verso.edit.ops.committed")
      .description("ops committed and acknowledged").register(registry);
  private final Counter duplicates = Counter.builder("verso.edit.ops.duplicate")
      .description("resent ops answered with their original revision").register(registry);
  private final Timer ack = Timer.builder("verso.edit.ack.latency")
      .description("submit received to acknowledgement sent (includes the group commit)")
      .publishPercentileHistogram().register(registry);
  private final Gauge active;
  private final java.util.Map<ErrorCode, Counter> rejected = new java.util.EnumMap<>(ErrorCode.class);

  EditMetrics(Supplier<Number> activeDocuments) {
    active = Gauge.builder("verso.edit.documents.active", activeDocuments)
        .description("documents this node sequences").strongReference(true).register(registry);
  }

  /** Counts a submit and its outcome. */
  Future<SubmitReply> submit(Future<SubmitReply> outcome) {
    submitted.increment();
    long start = System.nanoTime();
    return outcome.onComplete(ar -> {
      if (ar.succeeded()) {
        if (ar.result().duplicate()) {
          duplicates.increment();
        } else {
          committed.increment();
          ack.record(System.nanoTime() - start, java.util.concurrent.TimeUnit.NANOSECONDS);
        }
      } else {
        rejected.computeIfAbsent(Failures.codeOf(ar.cause()), code -> Counter.builder("verso.edit.ops.rejected")
            .tag("code", String.valueOf(code.code())).description("submits answered with a failure, by code")
            .register(registry)).increment();
      }
    });
  }

  void close() {
    registry.remove(active);
  }
}
