package io.verso.web;

import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.StaticHandler;

/**
 * The browser app, served from the jar ({@code webroot/} on the class path, built by esbuild during
 * the Maven build). Only {@code /assets/*} — whose file names carry a content hash — may be cached
 * (for a year, immutable), sent pre-compressed when the browser accepts it ({@link PrecompressedAssets});
 * the index page and everything else is {@code no-store}.
 */
final class StaticAssets {
  private StaticAssets() {}

  static void mount(io.vertx.core.Vertx vertx, Router router) {
    router.get("/assets/*").handler(ctx -> {
      ctx.addHeadersEndHandler(v -> {
        if (ctx.response().getStatusCode() == 200 || ctx.response().getStatusCode() == 304) {
          ctx.response().headers().set(HttpHeaders.CACHE_CONTROL, "public, max-age=31536000, immutable");
        } else {
          ctx.response().headers().set(HttpHeaders.CACHE_CONTROL, "no-store");
        }
      });
      ctx.next();
    }).handler(new PrecompressedAssets(vertx))
        .handler(StaticHandler.create("webroot").setCachingEnabled(false).setDirectoryListing(false));
    router.get("/*").handler(ctx -> {
      ctx.addHeadersEndHandler(v -> ctx.response().headers().set(HttpHeaders.CACHE_CONTROL, "no-store"));
      ctx.response().putHeader("X-Content-Type-Options", "nosniff");
      ctx.response().putHeader("Content-Security-Policy", "default-src 'self'; script-src 'self'; "
          + "style-src 'self' 'unsafe-inline'; img-src 'self' data: https:; connect-src 'self' ws: wss:; "
          + "object-src 'none'; base-uri 'none'; frame-ancestors 'none'");
      ctx.next();
    }).handler(StaticHandler.create("webroot").setCachingEnabled(false).setDirectoryListing(false)
        .setIndexPage("index.html"));
  }
}
