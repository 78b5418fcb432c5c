package io.verso.web.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import io.verso.protocol.Addresses;
import io.verso.protocol.ErrorCode;
import io.verso.runtime.Failures;
import io.verso.web.api.CookieClient;
import io.verso.web.auth.RequestIdentity;
import io.verso.web.e2e.FullStack;
import io.vertx.core.Handler;
import io.vertx.core.eventbus.DeliveryContext;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * What leaves the cluster when a service fails: an {@code err} frame or an API error carries Verso's
 * own message (a {@code VersoException}'s) or the code's generic description — never the text of a
 * Java exception, of an unknown failure, or of the event bus (timeouts name internal addresses) —
 * and always a code of the public vocabulary. The services are real; the failures are injected on the
 * event bus, in front of the real consumer (an inbound interceptor answers the request in its place).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ErrorTextTest {
  private static final String SECRET = "db-7.internal:5432 pool exhausted at io.verso.Secret.line(42)";

  private FullStack stack;
  private int port;
  private CookieClient alice;
  private String docId;
  private final AtomicReference<Consumer<io.vertx.core.eventbus.Message<?>>> failDoc = new AtomicReference<>();
  private final AtomicReference<Consumer<io.vertx.core.eventbus.Message<?>>> failStorageGet = new AtomicReference<>();
  private Handler<DeliveryContext<Object>> interceptor;

  @BeforeAll
  void start() {
    stack = new FullStack(new JsonObject().put("bridge", new JsonObject().put("replyTimeoutMs", 500)));
    port = stack.port();
    alice = new CookieClient(port);
    assertThat(alice.post("/api/auth/register", "{\"username\":\"alice\",\"password\":\"long enough pw\",\"displayName\":\"A\"}")
        .statusCode()).isEqualTo(201);
    docId = new JsonObject(alice.post("/api/docs", "{\"title\":\"t\"}").body()).getString("id");
    interceptor = dc -> {
      String address = dc.message().address();
      Consumer<io.vertx.core.eventbus.Message<?>> fail = Addresses.doc(docId).equals(address)
          && dc.message().body() instanceof JsonObject b && "open".equals(b.getString("action")) ? failDoc.get()
          : Addresses.STORAGE_DOC_GET.equals(address) ? failStorageGet.get() : null;
      if (fail == null) {
        dc.next();
      } else {
        fail.accept(dc.message());
      }
    };
    stack.vertx.eventBus().addInboundInterceptor(interceptor);
  }

  @AfterEach
  void clear() {
    failDoc.set(null);
    failStorageGet.set(null);
  }

  @AfterAll
  void stop() {
    if (stack != null) {
      stack.vertx.eventBus().removeInboundInterceptor(interceptor);
      stack.close();
    }
  }

  private JsonObject bridgeAnswer(Consumer<io.vertx.core.eventbus.Message<?>> failure) {
    failDoc.set(null);
    try (BridgeSocket s = new BridgeSocket(port, RequestIdentity.ACCESS_COOKIE + "=" + alice.cookie(RequestIdentity.ACCESS_COOKIE),
        alice.origin())) {
      assertThat(s.request(Addresses.doc(docId), new JsonObject().put("action", "open")).getString("type")).isEqualTo("rec");
      failDoc.set(failure);
      return s.request(Addresses.doc(docId), new JsonObject().put("action", "open"));
    }
  }

  private static void assertGeneric(JsonObject err, ErrorCode code) {
    assertThat(err.getString("type")).as(err.encode()).isEqualTo("err");
    assertThat(err.getInteger("failureCode")).as(err.encode()).isEqualTo(code.httpStatus());
    assertThat(err.getString("message")).as(err.encode()).isEqualTo(code.description());
  }

  @Test
  void aJavaExceptionInAServiceReachesTheSocketAsTheCodesDescriptionOnly() {
    assertGeneric(bridgeAnswer(m -> Failures.fail(m, new IllegalArgumentException(SECRET))), ErrorCode.BAD_REQUEST);
    assertGeneric(bridgeAnswer(m -> Failures.fail(m, new NullPointerException(SECRET))), ErrorCode.BAD_REQUEST);
    assertGeneric(bridgeAnswer(m -> Failures.fail(m, new IllegalStateException(SECRET))), ErrorCode.INTERNAL);
  }

  @Test
  void internalAndUnknownFailureCodesReachTheSocketAsAGenericInternalError() {
    assertGeneric(bridgeAnswer(m -> m.fail(500, SECRET)), ErrorCode.INTERNAL);
    assertGeneric(bridgeAnswer(m -> m.fail(-7, SECRET)), ErrorCode.INTERNAL);
    assertGeneric(bridgeAnswer(m -> m.fail(999, SECRET)), ErrorCode.INTERNAL);
  }

  @Test
  void internalCodesGoOutAsTheirPublicCode() {
    JsonObject err = bridgeAnswer(m -> m.fail(ErrorCode.CONFLICT.code(), "revision conflict: the writer is stale"));
    assertThat(err.getInteger("failureCode")).as(err.encode()).isEqualTo(409);
  }

  @Test
  void aTimeoutDoesNotNameInternalAddresses() {
    JsonObject err = bridgeAnswer(m -> { }); // never answered
    assertGeneric(err, ErrorCode.UNAVAILABLE);
  }

  @Test
  void versoMessagesStillGoOut() {
    JsonObject err = bridgeAnswer(m -> Failures.fail(m, ErrorCode.INVALID_OP.exception("op 0 does not apply")));
    assertThat(err.getInteger("failureCode")).isEqualTo(422);
    assertThat(err.getString("message")).isEqualTo("op 0 does not apply");
  }

  @Test
  void apiErrorsCarryNoInternalTextEither() {
    for (var failure : java.util.List.<Consumer<io.vertx.core.eventbus.Message<?>>>of(
        m -> Failures.fail(m, new IllegalArgumentException(SECRET)),
        m -> Failures.fail(m, new ClassCastException(SECRET)),
        m -> m.fail(-7, SECRET),
        m -> m.fail(500, SECRET))) {
      failStorageGet.set(failure);
      var answer = alice.get("/api/docs/" + docId);
      assertThat(answer.statusCode()).as(answer.body()).isIn(400, 500);
      JsonObject error = new JsonObject(answer.body()).getJsonObject("error");
      ErrorCode code = ErrorCode.valueOf(error.getString("code"));
      assertThat(error.getString("message")).as(answer.body()).isEqualTo(code.description());
    }
    failStorageGet.set(m -> Failures.fail(m, ErrorCode.NOT_FOUND.exception("no such document here")));
    var ours = alice.get("/api/docs/" + docId);
    assertThat(ours.statusCode()).isEqualTo(404);
    assertThat(ours.body()).contains("no such document here");
  }
}
