package io.verso.presence;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import java.util.List;

/**
 * presence-service's counters in Micrometer's global registry (the app exports them): updates
 * received, published, dropped (coalesced) by the throttle, Redis errors, and whether Redis is up.
 */
final class PresenceMetrics {
  private final MeterRegistry registry = Metrics.globalRegistry;
  private final List<Meter> meters;

  PresenceMetrics(PresenceService service) {
    meters = List.of(
        FunctionCounter.builder("verso.presence.updates.received", service, s -> s.stats().received())
            .description("presence updates received").register(registry),
        FunctionCounter.builder("verso.presence.updates.published", service, s -> s.stats().published())
            .description("presence states published").register(registry),
        FunctionCounter.builder("verso.presence.updates.dropped", service, s -> s.stats().dropped())
            .description("presence updates dropped (coalesced) by the per-client throttle").register(registry),
        FunctionCounter.builder("verso.presence.redis.errors", service, s -> s.stats().redisErrors())
            .description("failed Redis commands").register(registry),
        Gauge.builder("verso.presence.redis.up", service, s -> s.stats().redisUp() ? 1 : 0)
            .description("1 when the last Redis command succeeded").register(registry));
  }

  void close() {
    meters.forEach(registry::remove);
  }
}
