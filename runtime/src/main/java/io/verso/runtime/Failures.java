package io.verso.runtime;

import io.verso.protocol.VersoException;
import io.verso.protocol.ErrorCode;
import io.vertx.core.Future;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Maps any {@link Throwable} to the closed error vocabulary, and answers event-bus messages with it.
 * Every consumer ends in {@code reply} or {@link #fail(Message, Throwable)}.
 */
public final class Failures {
  private static final Logger LOG = LoggerFactory.getLogger(Failures.class);

  private Failures() {}

  /** The error code a throwable stands for. Timeouts and missing handlers count as UNAVAILABLE. */
  public static ErrorCode codeOf(Throwable t) {
    if (t instanceof VersoException ve) {
      return ve.code();
    }
    if (t instanceof ReplyException re) {
      if (re.failureType() == ReplyFailure.RECIPIENT_FAILURE) {
        return ErrorCode.of(re.failureCode());
      }
      return ErrorCode.UNAVAILABLE;
    }
    if (t instanceof IllegalArgumentException || t instanceof ClassCastException
        || t instanceof io.vertx.core.json.DecodeException || t instanceof NullPointerException) {
      return ErrorCode.BAD_REQUEST;
    }
    return ErrorCode.INTERNAL;
  }

  /**
   * The message text to send with a failure: the original text where it is ours — a
   * {@link VersoException}'s, or a failure a service answered with one of our codes (services answer
   * through {@link #fail}, so with this text) — and the code's generic description otherwise: a Java
   * exception's message (it may name our code, hosts or data), an unknown code's, or the event bus's
   * own (its timeouts name internal addresses) never travel on.
   */
  public static String messageOf(Throwable t) {
    ErrorCode code = codeOf(t);
    boolean ours = t instanceof VersoException || (t instanceof ReplyException re
        && re.failureType() == ReplyFailure.RECIPIENT_FAILURE && code != ErrorCode.INTERNAL);
    return ours && t.getMessage() != null ? t.getMessage() : code.description();
  }

  /**
   * Answers {@code message} with what {@code handler} produces: the reply on success, the failure's
   * code otherwise — also when the handler throws instead of returning a failed future, so that no
   * caller is ever left waiting. Every consumer that answers requests answers through this.
   */
  public static <T> void respond(Message<?> message, Supplier<Future<T>> handler) {
    Future<T> result;
    try {
      result = handler.get();
    } catch (RuntimeException e) {
      result = Future.failedFuture(e);
    }
    result.onComplete(message::reply, err -> fail(message, err));
  }

  /** Fails a message with the code of {@code t}; unexpected failures are logged once, here. */
  public static void fail(Message<?> message, Throwable t) {
    ErrorCode code = codeOf(t);
    if (code == ErrorCode.INTERNAL) {
      LOG.error("Unexpected failure answering {}", message.address(), t);
    }
    message.fail(code.code(), messageOf(t));
  }

  /** A VersoException with the same code and message as any failure. */
  public static VersoException asVerso(Throwable t) {
    if (t instanceof VersoException ve) {
      return ve;
    }
    return new VersoException(codeOf(t), messageOf(t));
  }
}
