package io.verso.web.api;

import io.verso.protocol.ErrorCode;
import io.verso.runtime.DocLog;
import io.verso.runtime.Failures;
import io.verso.protocol.RetryAfter;
import io.verso.web.auth.Identity;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place failures become HTTP answers: {@code {"error":{"code":"NAME","message":"…"}}} with
 * the status of {@link ErrorCode#httpStatus()}, {@code Cache-Control: no-store}, and
 * {@code Retry-After} on a throttled request (429) and on a 503 whose message says when to come back.
 */
public final class ApiErrors {
  private static final Logger LOG = LoggerFactory.getLogger(ApiErrors.class);

  private ApiErrors() {}

  /** Failure handler of the /api routes. */
  public static void handle(RoutingContext ctx) {
    Throwable failure = ctx.failure();
    if (failure != null) {
      send(ctx, failure);
      return;
    }
    ErrorCode code = switch (ctx.statusCode()) {
      case 400 -> ErrorCode.BAD_REQUEST;
      case 401 -> ErrorCode.UNAUTHENTICATED;
      case 403 -> ErrorCode.FORBIDDEN;
      case 404, 405 -> ErrorCode.NOT_FOUND;
      case 413 -> ErrorCode.TOO_LARGE;
      case 415 -> ErrorCode.UNSUPPORTED_TYPE;
      case 429 -> ErrorCode.RATE_LIMITED;
      case 503 -> ErrorCode.UNAVAILABLE;
      default -> ctx.statusCode() >= 400 && ctx.statusCode() < 500 ? ErrorCode.BAD_REQUEST : ErrorCode.INTERNAL;
    };
    send(ctx, code, code.description());
  }

  public static void send(RoutingContext ctx, Throwable t) {
    ErrorCode code = Failures.codeOf(t);
    if (code == ErrorCode.INTERNAL) {
      Identity who = Requests.identity(ctx);
      // ":id" names a document in every API route that has one
      DocLog.with(ctx.pathParam("id"), who == null ? null : who.userId(),
          () -> LOG.error("Unexpected failure on {} {}", ctx.request().method(), ctx.request().path(), t));
    }
    // Only our own messages go out (Failures.messageOf: never a Java exception's or the event bus's
    // text); an internal error gets its generic description only.
    send(ctx, code, code == ErrorCode.INTERNAL ? code.description() : Failures.messageOf(t));
  }

  public static void send(RoutingContext ctx, ErrorCode code, String message) {
    HttpServerResponse response = ctx.response();
    if (response.headWritten()) {
      response.reset();
      return;
    }
    long seconds = RetryAfter.seconds(message);
    if (code == ErrorCode.RATE_LIMITED || (code == ErrorCode.UNAVAILABLE && seconds > 0)) {
      // a throttled request, or a full queue (sign-up or login hashing) that says when to come back
      response.putHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds > 0 ? seconds : 1));
    }
    JsonObject body = new JsonObject().put("error", new JsonObject().put("code", code.name()).put("message", message));
    response.setStatusCode(code.httpStatus())
        .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
        .putHeader(HttpHeaders.CONTENT_TYPE, "application/json; charset=utf-8")
        .end(body.encode());
  }
}
