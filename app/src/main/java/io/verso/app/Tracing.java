package io.verso.app;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.vertx.core.VertxBuilder;
import io.vertx.tracing.opentelemetry.OpenTelemetryTracingFactory;
import java.net.URI;
import java.util.concurrent.TimeUnit;

/**
 * OpenTelemetry tracing of a process: HTTP requests and event-bus messages (vertx-opentelemetry),
 * exported over OTLP/HTTP to {@code --otlp-endpoint}. Without the flag nothing is installed: Vert.x
 * runs without a tracer and pays nothing. With it, each span names the service {@value #SERVICE_NAME}
 * and the node ({@code service.instance.id}), and the W3C {@code traceparent} header carries the
 * trace across the event bus, between nodes too.
 */
final class Tracing implements AutoCloseable {
  static final String SERVICE_NAME = "verso";
  static final AttributeKey<String> SERVICE_NAME_KEY = AttributeKey.stringKey("service.name");
  static final AttributeKey<String> INSTANCE_KEY = AttributeKey.stringKey("service.instance.id");

  private static final Tracing OFF = new Tracing(null);

  private final OpenTelemetrySdk sdk;

  private Tracing(OpenTelemetrySdk sdk) {
    this.sdk = sdk;
  }

  /** Tracing as the options say: off, or exporting to their OTLP endpoint. */
  static Tracing of(AppOptions options) {
    if (options.otlpEndpoint() == null) {
      return OFF;
    }
    return exportingTo(OtlpHttpSpanExporter.builder().setEndpoint(tracesUrl(options.otlpEndpoint())).build(),
        instanceId(options));
  }

  /** Tracing that hands its spans, in batches, to {@code exporter}, as node {@code instanceId}. */
  static Tracing exportingTo(SpanExporter exporter, String instanceId) {
    Resource resource = Resource.getDefault().merge(Resource.create(Attributes.of(
        SERVICE_NAME_KEY, SERVICE_NAME, INSTANCE_KEY, instanceId)));
    SdkTracerProvider tracers = SdkTracerProvider.builder()
        .setResource(resource)
        .addSpanProcessor(BatchSpanProcessor.builder(exporter).build())
        .build();
    // the SDK's default propagators are none: W3C trace context is what carries a trace over the bus
    return new Tracing(OpenTelemetrySdk.builder()
        .setTracerProvider(tracers)
        .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
        .build());
  }

  boolean enabled() {
    return sdk != null;
  }

  /** The builder with the tracer installed, or unchanged when tracing is off. */
  VertxBuilder install(VertxBuilder builder) {
    return sdk == null ? builder : builder.withTracer(new OpenTelemetryTracingFactory(sdk));
  }

  /** Exports the spans ended so far (blocking, bounded). */
  void flush() {
    if (sdk != null) {
      sdk.getSdkTracerProvider().forceFlush().join(10, TimeUnit.SECONDS);
    }
  }

  /** Exports what is left and stops (blocking, bounded): after the Vert.x instance closed. */
  @Override
  public void close() {
    if (sdk != null) {
      sdk.shutdown().join(10, TimeUnit.SECONDS);
    }
  }

  /**
   * The URL spans are posted to. Like OTEL_EXPORTER_OTLP_ENDPOINT, a base URL without a path
   * ({@code http://collector:4318}) gets the traces path; a URL with a path is used as it is.
   */
  static String tracesUrl(String endpoint) {
    URI uri;
    try {
      uri = URI.create(endpoint.trim());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--otlp-endpoint must be an http(s) URL, not '" + endpoint + "'");
    }
    if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
      throw new IllegalArgumentException("--otlp-endpoint must be an http(s) URL such as http://collector:4318, not '"
          + endpoint + "'");
    }
    String path = uri.getRawPath();
    String base = uri.toString();
    return path == null || path.isEmpty() || path.equals("/") ? base.replaceAll("/$", "") + "/v1/traces" : base;
  }

  /**
   * What names this node in its spans: its cluster address (unique in a cluster, what Hazelcast and
   * the compose file call it), or, alone, the host's name.
   */
  static String instanceId(AppOptions options) {
    if (options.cluster()) {
      return options.clusterHost() + ":" + options.clusterPort();
    }
    try {
      return java.net.InetAddress.getLocalHost().getHostName();
    } catch (java.io.IOException e) {
      return "localhost";
    }
  }
}
