package io.verso.web.api;

import io.verso.protocol.ErrorCode;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;

/**
 * Reads a request body of at most {@code maxBytes}, counting while it arrives: a Content-Length over
 * the limit is refused before a byte is read, and a body that grows past it (chunked, or longer than
 * it said) is refused at that moment — the request stops being read and, once the 413 is sent, its
 * HTTP/1 connection is closed, so an endless body costs at most the limit. The request must be
 * paused until then (the route pauses it first: the identity and role checks are asynchronous).
 */
final class UploadBody {
  private UploadBody() {}

  /** TOO_LARGE when the declared length is over the limit already. */
  static void checkDeclaredLength(HttpServerRequest request, int maxBytes, String what) {
    String length = request.getHeader("Content-Length");
    if (length != null) {
      long declared;
      try {
        declared = Long.parseLong(length.trim());
      } catch (NumberFormatException e) {
        throw ErrorCode.BAD_REQUEST.exception("Content-Length is not a number");
      }
      if (declared > maxBytes) {
        throw tooLarge(maxBytes, what);
      }
    }
  }

  /** The whole body, or TOO_LARGE as soon as it passes {@code maxBytes}. */
  static Future<Buffer> read(HttpServerRequest request, int maxBytes, String what) {
    Promise<Buffer> body = Promise.promise();
    Buffer bytes = Buffer.buffer(Math.min(maxBytes, 64 * 1024));
    request.handler(chunk -> {
      if (body.future().isComplete()) {
        return;
      }
      if (bytes.length() + chunk.length() > maxBytes) {
        request.pause();
        body.tryFail(tooLarge(maxBytes, what));
        return;
      }
      bytes.appendBuffer(chunk);
    });
    request.exceptionHandler(body::tryFail);
    request.endHandler(v -> body.tryComplete(bytes));
    request.resume();
    return body.future();
  }

  /** After a refusal the rest of the body is not read: HTTP/1 cannot skip it, so its connection ends with the answer. */
  static void closeAfterAnswer(io.vertx.ext.web.RoutingContext ctx) {
    HttpServerRequest request = ctx.request();
    if (!request.isEnded() && request.version() != HttpVersion.HTTP_2) {
      ctx.response().putHeader("Connection", "close");
      ctx.addEndHandler(v -> request.connection().close());
    }
  }

  /** {@code what}: the body's name in the refusal, e.g. "an image". */
  private static RuntimeException tooLarge(int maxBytes, String what) {
    return ErrorCode.TOO_LARGE.exception(what + " may have at most " + maxBytes + " bytes ("
        + (maxBytes >= 1024 * 1024 ? maxBytes / (1024 * 1024) + " MiB)" : maxBytes / 1024 + " KiB)"));
  }
}
