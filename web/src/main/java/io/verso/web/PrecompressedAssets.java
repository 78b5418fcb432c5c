package io.verso.web;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.MimeMapping;
import io.vertx.ext.web.RoutingContext;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Serves {@code /assets/<name>} as the {@code .br} or {@code .gz} file the build wrote beside it
 * (web/frontend/build.mjs) when the browser accepts that encoding: the 370 KB bundle goes out as
 * about 100 KB, compressed once at build time instead of on every request. Anything else (no
 * accepted encoding, no such file) goes on to the plain static handler. The compressed files are
 * read from the jar once and kept (a few hundred KB).
 */
final class PrecompressedAssets implements Handler<RoutingContext> {
  private static final String PREFIX = "/assets/";

  private final Vertx vertx;
  private final Map<String, Optional<Buffer>> files = new ConcurrentHashMap<>();

  PrecompressedAssets(Vertx vertx) {
    this.vertx = vertx;
  }

  @Override
  public void handle(RoutingContext ctx) {
    ctx.response().putHeader(HttpHeaders.VARY, "Accept-Encoding");
    String path = ctx.normalizedPath();
    String name = path.startsWith(PREFIX) ? path.substring(PREFIX.length()) : "";
    String accepted = ctx.request().getHeader(HttpHeaders.ACCEPT_ENCODING);
    if (name.isEmpty() || name.contains("/") || name.startsWith(".") || accepted == null) {
      ctx.next();
      return;
    }
    boolean br = accepts(accepted, "br");
    boolean gzip = accepts(accepted, "gzip");
    Future<Optional<Buffer>> best = br ? file(name + ".br") : Future.succeededFuture(Optional.empty());
    best.compose(b -> b.isPresent() || !gzip ? Future.succeededFuture(b.map(x -> new Sent("br", x)))
            : file(name + ".gz").map(g -> g.map(x -> new Sent("gzip", x))))
        .onComplete(ar -> {
          if (ar.failed() || ar.result().isEmpty()) {
            ctx.next();
            return;
          }
          Sent sent = ar.result().get();
          String type = MimeMapping.mimeTypeForFilename(name);
          if (type != null) {
            ctx.response().putHeader(HttpHeaders.CONTENT_TYPE,
                type.startsWith("text/") || type.endsWith("javascript") ? type + ";charset=UTF-8" : type);
          }
          ctx.response().putHeader(HttpHeaders.CONTENT_ENCODING, sent.encoding()).setStatusCode(200).end(sent.bytes());
        });
  }

  private record Sent(String encoding, Buffer bytes) {}

  private Future<Optional<Buffer>> file(String name) {
    Optional<Buffer> known = files.get(name);
    if (known != null) {
      return Future.succeededFuture(known);
    }
    String resource = "webroot/assets/" + name;
    return vertx.fileSystem().exists(resource)
        .compose(there -> there ? vertx.fileSystem().readFile(resource).map(Optional::of)
            : Future.succeededFuture(Optional.<Buffer>empty()))
        .onSuccess(found -> files.put(name, found));
  }

  /** Whether an {@code Accept-Encoding} value takes {@code coding} (listed, or {@code *}, with q > 0). */
  static boolean accepts(String header, String coding) {
    boolean star = false;
    for (String part : header.split(",")) {
      String[] pieces = part.trim().split(";");
      String token = pieces[0].trim().toLowerCase(Locale.ROOT);
      double q = 1.0;
      for (int i = 1; i < pieces.length; i++) {
        String p = pieces[i].trim();
        if (p.startsWith("q=")) {
          try {
            q = Double.parseDouble(p.substring(2));
          } catch (NumberFormatException e) {
            q = 0;
          }
        }
      }
      if (token.equals(coding)) {
        return q > 0;
      }
      if (token.equals("*")) {
        star = q > 0;
      }
    }
    return star;
  }
}
