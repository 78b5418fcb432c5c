package io.verso.web.api;

import io.verso.protocol.Addresses;
import io.verso.protocol.storage.DocIdRequest;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code /api/docs/:id/link}: a document's share link, for its owner (docs/protocol.md, "Share by
 * link"). An adapter like {@link DocsApi}: auth-service ({@code verso.auth.link.*}) checks that the
 * acting user owns the document, keeps only the token's hash and tells every node when the link changes.
 * A share-link token the request carries is never passed on here: it gives no owner rights.
 */
public final class ShareLinkApi {
  private final EventBus bus;

  public ShareLinkApi(EventBus bus) {
    this.bus = bus;
  }

  public void mount(Router router, Handler<RoutingContext> authenticated) {
    router.get("/api/docs/:id/link").handler(authenticated).handler(ctx -> answer(ctx, ask(ctx, Addresses.AUTH_LINK_GET, doc(ctx))));
    router.put("/api/docs/:id/link").handler(authenticated).handler(ctx -> answer(ctx, ask(ctx, Addresses.AUTH_LINK_SET,
        doc(ctx).put("role", Requests.string(Requests.jsonBody(ctx), "role", true)))));
    router.post("/api/docs/:id/link/reset").handler(authenticated)
        .handler(ctx -> answer(ctx, ask(ctx, Addresses.AUTH_LINK_RESET, doc(ctx))));
    router.delete("/api/docs/:id/link").handler(authenticated).handler(ctx -> ask(ctx, Addresses.AUTH_LINK_OFF, doc(ctx))
        .onSuccess(r -> Requests.noContent(ctx)).onFailure(ctx::fail));
  }

  private static JsonObject doc(RoutingContext ctx) {
    return new DocIdRequest(Params.docId(ctx)).toJson();
  }

  private Future<JsonObject> ask(RoutingContext ctx, String address, JsonObject body) {
    return Requests.request(bus, address, body, Requests.identity(ctx));
  }

  private static void answer(RoutingContext ctx, Future<JsonObject> reply) {
    reply.onSuccess(r -> Requests.json(ctx, 200, r)).onFailure(ctx::fail);
  }
}
