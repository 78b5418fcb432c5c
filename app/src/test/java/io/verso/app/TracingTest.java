package io.verso.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.internal.VertxInternal;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Tracing is off without --otlp-endpoint (no tracer at all), and with a tracer one trace follows an
 * HTTP request over two event-bus hops, each hop the child of the one that sent it, with neither the
 * request's cookie or authorization nor a message's body in any span.
 */
class TracingTest {
  private static final String COOKIE = "verso_at=cookie-secret-4711";
  private static final String BEARER = "Bearer bearer-secret-4712";
  private static final String BODY = "op-content-secret-4713";
  private static final AttributeKey<String> DESTINATION = AttributeKey.stringKey("messaging.destination.name");

  @Test
  void withoutTheFlagNoTracerIsInstalled() throws Exception {
    AppOptions options = AppOptions.parse(new String[0], Map.of());
    assertNull(options.otlpEndpoint());
    Tracing off = Tracing.of(options);
    assertFalse(off.enabled());
    // vertx-opentelemetry is on the class path: Vert.x still installs nothing unless asked
    Vertx vertx = off.install(Vertx.builder()).build();
    try {
      assertNull(((VertxInternal) vertx).tracer());
    } finally {
      vertx.close().await(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void theFlagOrItsVariableNamesTheCollector() {
    assertEquals("http://collector:4318", AppOptions.parse(new String[] {"--otlp-endpoint", "http://collector:4318"},
        Map.of()).otlpEndpoint());
    assertEquals("http://c:4318", AppOptions.parse(new String[0], Map.of("VERSO_OTLP_ENDPOINT", "http://c:4318"))
        .otlpEndpoint());
    assertEquals("http://collector:4318/v1/traces", Tracing.tracesUrl("http://collector:4318"));
    assertEquals("http://collector:4318/v1/traces", Tracing.tracesUrl("http://collector:4318/"));
    assertEquals("https://otel.example/custom/traces", Tracing.tracesUrl("https://otel.example/custom/traces"));
    assertTrue(assertThrows(IllegalArgumentException.class,
        () -> AppOptions.parse(new String[] {"--otlp-endpoint=collector:4318"}, Map.of())).getMessage()
        .contains("--otlp-endpoint"));
    assertTrue(Tracing.of(AppOptions.parse(new String[] {"--otlp-endpoint=http://127.0.0.1:1"}, Map.of())).enabled());
  }

  @Test
  void oneTraceFollowsARequestAcrossTheBusWithoutSecretsOrBodies() throws Exception {
    InMemorySpanExporter exported = InMemorySpanExporter.create();
    Tracing tracing = Tracing.exportingTo(exported, "node-test");
    List<SpanData> spans;
    Vertx vertx = tracing.install(Vertx.builder()).build();
    try {
      assertTrue(((VertxInternal) vertx).tracer() != null);
      vertx.deployVerticle(new Storage()).await(10, TimeUnit.SECONDS);
      Web web = new Web();
      vertx.deployVerticle(web).await(10, TimeUnit.SECONDS);

      String answer = vertx.createHttpClient()
          .request(new RequestOptions().setMethod(HttpMethod.POST).setHost("127.0.0.1").setPort(web.port)
              .setURI("/api/docs/d1/ops?format=html").putHeader("Cookie", COOKIE).putHeader("Authorization", BEARER))
          .compose(req -> req.send(BODY).compose(resp -> resp.body()))
          .await(10, TimeUnit.SECONDS).toString();
      assertEquals("stored", answer);
      tracing.flush();
      spans = exported.getFinishedSpanItems(); // before close: the exporter forgets them when it shuts down
    } finally {
      vertx.close().await(10, TimeUnit.SECONDS);
      tracing.close();
    }

    SpanData http = one(spans, SpanKind.SERVER, null);
    SpanData toStorage = one(spans, SpanKind.CLIENT, "test.storage");
    SpanData atStorage = one(spans, SpanKind.SERVER, "test.storage");
    SpanData toDb = one(spans, SpanKind.CLIENT, "test.db");
    SpanData atDb = one(spans, SpanKind.SERVER, "test.db");
    assertEquals(5, spans.size(), spans.toString());
    spans.forEach(s -> assertEquals(http.getTraceId(), s.getTraceId(), "one trace: " + s));
    assertFalse(http.getParentSpanContext().isValid(), "the HTTP request starts the trace");
    assertEquals(http.getSpanId(), toStorage.getParentSpanId());
    assertEquals(toStorage.getSpanId(), atStorage.getParentSpanId(), "the bus hop carries the trace");
    assertEquals(atStorage.getSpanId(), toDb.getParentSpanId());
    assertEquals(toDb.getSpanId(), atDb.getParentSpanId());

    assertEquals("verso", http.getResource().getAttribute(Tracing.SERVICE_NAME_KEY));
    assertEquals("node-test", http.getResource().getAttribute(Tracing.INSTANCE_KEY));
    for (SpanData s : spans) {
      String recorded = s.getName() + s.getAttributes() + s.getEvents();
      for (String secret : List.of("cookie-secret", "bearer-secret", BODY)) {
        assertFalse(recorded.contains(secret), secret + " in " + recorded);
      }
    }
  }

  private static SpanData one(List<SpanData> spans, SpanKind kind, String destination) {
    List<SpanData> found = spans.stream().filter(s -> s.getKind() == kind
        && java.util.Objects.equals(destination, s.getAttributes().get(DESTINATION))).toList();
    assertEquals(1, found.size(), kind + " " + destination + " in " + spans);
    return found.get(0);
  }

  /** Takes HTTP requests and asks storage over the bus, like the web tier. */
  private static final class Web extends VerticleBase {
    volatile int port;

    @Override
    public Future<?> start() {
      return vertx.createHttpServer().requestHandler(req -> req.body()
          .compose(body -> vertx.eventBus().<String>request("test.storage", body.toString()))
          .onSuccess(reply -> req.response().end(reply.body()))
          .onFailure(err -> req.response().setStatusCode(500).end()))
          .listen(0, "127.0.0.1").onSuccess(s -> port = s.actualPort());
    }
  }

  /** Answers over the bus after a request of its own, like storage asking its database. */
  private static final class Storage extends VerticleBase {
    @Override
    public Future<?> start() {
      vertx.eventBus().<String>consumer("test.db", msg -> msg.reply("row"));
      return vertx.eventBus().<String>consumer("test.storage", msg -> vertx.eventBus().<String>request("test.db",
              msg.body())
          .onSuccess(r -> msg.reply("stored"))
          .onFailure(err -> msg.fail(500, "db")))
          .completion();
    }
  }
}
