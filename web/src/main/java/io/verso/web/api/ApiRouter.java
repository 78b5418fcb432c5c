package io.verso.web.api;

import io.verso.protocol.ErrorCode;
import io.verso.protocol.auth.ShareLinkToken;
import io.verso.web.WebConfig;
import io.verso.web.auth.RequestIdentity;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * Mounts the JSON API under {@code /api}: no-store on every answer, the body limit, the origin
 * check, the auth, docs, export, import, history, comment and image routes, a JSON 404 for anything else, and one failure handler.
 */
public final class ApiRouter {
  private ApiRouter() {}

  public static void mount(Vertx vertx, Router router, WebConfig config, ImagesConfig imagesConfig,
                           ImportConfig importConfig, RequestIdentity identity, OriginCheck origins) {
    router.route("/api/*").handler(ctx -> {
      ctx.response().putHeader(HttpHeaders.CACHE_CONTROL, "no-store");
      ctx.next();
    });
    router.route("/api/*").handler(origins::handle);
    Handler<RoutingContext> authenticated = ctx -> identity.of(ctx.request()).onComplete(ar -> {
      if (ar.succeeded()) {
        ctx.put(Requests.IDENTITY, ar.result());
        try {
          // a share link's token, if the page opened one: every service asked about the document counts it
          ctx.put(Requests.LINK, ShareLinkToken.of(ctx.request().getHeader(ShareLinkToken.HTTP_HEADER)));
        } catch (RuntimeException e) {
          ctx.fail(e);
          return;
        }
        ctx.next();
      } else {
        ctx.fail(ar.cause());
      }
    });
    ImagesApi images = new ImagesApi(vertx, imagesConfig);
    images.mountUpload(router, authenticated); // reads its body itself, up to its own limit
    new ImportApi(vertx, importConfig, imagesConfig).mount(router, authenticated); // the same
    router.route("/api/*").handler(BodyHandler.create(false).setBodyLimit(config.bodyLimitBytes()));

    new AuthApi(vertx.eventBus(), config.sessionCookies(), identity).mount(router, authenticated);
    new DocsApi(vertx.eventBus()).mount(router, authenticated);
    new TrashApi(vertx.eventBus()).mount(router, authenticated);
    new ExportApi(vertx).mount(router, authenticated);
    new HistoryApi(vertx.eventBus()).mount(router, authenticated);
    new CommentsApi(vertx).mount(router, authenticated);
    images.mountRead(router, authenticated);
    new ShareLinkApi(vertx.eventBus()).mount(router, authenticated);
    new UsersApi(vertx.eventBus()).mount(router, authenticated);

    router.route("/api/*").handler(ctx -> ctx.fail(ErrorCode.NOT_FOUND.exception("no such endpoint")));
    router.route("/api/*").failureHandler(ApiErrors::handle);
  }
}
