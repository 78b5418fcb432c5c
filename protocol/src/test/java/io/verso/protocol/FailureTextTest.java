package io.verso.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

/**
 * The text a failure is answered with (over the event bus, and from there by the web tier to
 * browsers): our own messages, never what the JVM or a parser wrote into an exception — class
 * names, member names, the input echoed back.
 */
class FailureTextTest {
  @Test
  void jvmAndParserMessagesBecomeTheCodesDescription() {
    Throwable npe;
    try {
      String missing = new JsonObject().getString("username");
      npe = new IllegalStateException(String.valueOf(missing.length()));
    } catch (NullPointerException e) {
      npe = e;
    }
    assertTrue(npe.getMessage().contains("because"), "the JVM's helpful message, naming our code: " + npe.getMessage());
    Throwable cce;
    try {
      Object five = 5;
      cce = new IllegalStateException((String) five);
    } catch (ClassCastException e) {
      cce = e;
    }
    Throwable decode;
    try {
      new JsonObject("{\"username\": tru");
      decode = null;
    } catch (DecodeException e) {
      decode = e;
    }
    for (Throwable t : new Throwable[] {npe, cce, decode}) {
      assertEquals(ErrorCode.BAD_REQUEST, Failures.codeOf(t));
      assertEquals(ErrorCode.BAD_REQUEST.description(), Failures.messageOf(t), t.toString());
    }
  }

  @Test
  void ourOwnMessagesPassAsTheyAre() {
    assertEquals("sign-up is closed", Failures.messageOf(ErrorCode.FORBIDDEN.exception("sign-up is closed")));
    assertEquals("role must be one of owner, editor, commenter, viewer",
        Failures.messageOf(new IllegalArgumentException("role must be one of owner, editor, commenter, viewer")));
    assertEquals(ErrorCode.INTERNAL.description(), Failures.messageOf(new IllegalStateException("internal detail")));
  }
}
