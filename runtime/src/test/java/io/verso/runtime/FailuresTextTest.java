package io.verso.runtime;

import io.verso.protocol.ErrorCode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The text a failure carries on: Verso's own messages (a {@link VersoException}, or a failure a
 * service answered with one of our codes) go on; Java exceptions, unknown codes and the event bus's
 * own failures (whose texts name internal addresses) become the code's generic description.
 */
class FailuresTextTest {
  private static final String SECRET = "pool db-7.internal:5432 exhausted";

  @Test
  void javaExceptionTextsStayInside() {
    assertEquals(ErrorCode.BAD_REQUEST.description(), Failures.messageOf(new IllegalArgumentException(SECRET)));
    assertEquals(ErrorCode.BAD_REQUEST.description(), Failures.messageOf(new ClassCastException(SECRET)));
    assertEquals(ErrorCode.BAD_REQUEST.description(), Failures.messageOf(new DecodeException(SECRET)));
    assertEquals(ErrorCode.INTERNAL.description(), Failures.messageOf(new IllegalStateException(SECRET)));
    String npe;
    try {
      Object nothing = null;
      npe = nothing.toString();
    } catch (NullPointerException e) { // a helpful NPE message names our code's variables
      npe = Failures.messageOf(e);
    }
    assertEquals(ErrorCode.BAD_REQUEST.description(), npe);
  }

  @Test
  void failuresAnsweredWithAnUnknownCodeAreInternalWithoutTheirText() {
    ReplyException unknown = new ReplyException(ReplyFailure.RECIPIENT_FAILURE, -7, SECRET);
    assertEquals(ErrorCode.INTERNAL, Failures.codeOf(unknown));
    assertEquals(ErrorCode.INTERNAL.description(), Failures.messageOf(unknown));
    assertEquals(ErrorCode.INTERNAL.description(),
        Failures.messageOf(new ReplyException(ReplyFailure.RECIPIENT_FAILURE, 500, SECRET)));
  }

  @Test
  void ourMessagesGoOn() {
    assertEquals("op 3 does not apply", Failures.messageOf(ErrorCode.INVALID_OP.exception("op 3 does not apply")));
    assertEquals("sign-up is closed", Failures.messageOf(ErrorCode.FORBIDDEN.exception("sign-up is closed")));
    Throwable badRole = org.junit.jupiter.api.Assertions.assertThrows(RuntimeException.class,
        () -> io.verso.protocol.Role.of("admin"));
    assertEquals("role must be one of owner, editor, commenter, viewer", Failures.messageOf(badRole));
    assertEquals("document over 1 MiB",
        Failures.messageOf(new ReplyException(ReplyFailure.RECIPIENT_FAILURE, 413, "document over 1 MiB")));
  }

  @Test
  void theEventBussOwnFailuresGetTheDescription() throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      vertx.eventBus().consumer("verso.internal.silent", msg -> { });
      Throwable timeout = vertx.eventBus().request("verso.internal.silent", new JsonObject(),
              new DeliveryOptions().setSendTimeout(100))
          .toCompletionStage().toCompletableFuture().handle((r, t) -> t).get(5, TimeUnit.SECONDS);
      assertTrue(timeout.getMessage().contains("verso.internal.silent")); // what must not go out
      assertEquals(ErrorCode.UNAVAILABLE, Failures.codeOf(timeout));
      assertEquals(ErrorCode.UNAVAILABLE.description(), Failures.messageOf(timeout));
      Throwable none = vertx.eventBus().request("verso.internal.nobody", new JsonObject())
          .toCompletionStage().toCompletableFuture().handle((r, t) -> t).get(5, TimeUnit.SECONDS);
      assertEquals(ErrorCode.UNAVAILABLE.description(), Failures.messageOf(none));
      // a service answering with a Java exception: its text does not travel
      vertx.eventBus().consumer("verso.internal.broken", msg -> Failures.fail(msg, new IllegalArgumentException(SECRET)));
      Throwable broken = vertx.eventBus().request("verso.internal.broken", new JsonObject())
          .toCompletionStage().toCompletableFuture().handle((r, t) -> t).get(5, TimeUnit.SECONDS);
      assertEquals(ErrorCode.BAD_REQUEST, Failures.codeOf(broken));
      assertFalse(broken.getMessage().contains("internal"), broken.getMessage());
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }
}
