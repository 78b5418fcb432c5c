package io.verso.web.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import io.verso.protocol.Addresses;
import io.verso.protocol.Role;
import io.verso.protocol.doc.DocAction;
import io.verso.web.auth.AccessTokenVerifier;
import io.verso.web.auth.Identity;
import io.verso.web.auth.RequestIdentity;
import io.verso.web.auth.RevokedSessions;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import io.vertx.core.spi.tracing.SpanKind;
import io.vertx.core.spi.tracing.TagExtractor;
import io.vertx.core.spi.tracing.VertxTracer;
import io.vertx.core.tracing.TracingPolicy;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A socket's document request starts a trace when a tracer is installed: its frames come outside any
 * HTTP request, and the bus's default policy (PROPAGATE) only joins a trace already open.
 */
class BridgeTracingTest {
  /** The policy each bus send asked the tracer for, by address. */
  private final Map<String, TracingPolicy> policies = new ConcurrentHashMap<>();
  private final Vertx vertx = Vertx.builder().withTracer(options -> new VertxTracer<Object, Object>() {
    @Override
    public <R> Object sendRequest(Context context, SpanKind kind, TracingPolicy policy, R request, String operation,
        BiConsumer<String, String> headers, TagExtractor<R> tagExtractor) {
      if (request instanceof Message<?> m) {
        policies.put(m.address(), policy);
      }
      return null;
    }
  }).build();

  @AfterEach
  void close() {
    vertx.close().await();
  }

  @Test
  void aDocumentRequestFromASocketStartsATrace() {
    vertx.eventBus().<JsonObject>consumer(Addresses.doc("d1"), m -> m.reply(new JsonObject())).completion().await();
    BridgeEngine engine = new BridgeEngine(vertx, new RequestIdentity(new AccessTokenVerifier(vertx,
        new RevokedSessions(60_000, System::currentTimeMillis))), BridgeConfig.from(new JsonObject()));
    RecordingTransport socket = new RecordingTransport();
    EventLoop.onContext(vertx, () -> {
      BridgeSession s = engine.openTrusted(socket, new Identity("u1", "u1", "U", "sid-1", Long.MAX_VALUE),
          ServiceGrants.everything(Role.EDITOR));
      engine.frame(s, new JsonObject().put("type", "send").put("address", Addresses.doc("d1")).put("replyAddress", "r1")
          .put("body", new JsonObject().put("action", DocAction.CATCHUP).put("fromRev", 0)).toBuffer());
      return null;
    });
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!policies.containsKey(Addresses.doc("d1")) && System.nanoTime() < deadline) {
      Thread.onSpinWait();
    }
    assertThat(policies).containsEntry(Addresses.doc("d1"), TracingPolicy.ALWAYS);
  }
}
