package io.verso.web.api;

import io.verso.protocol.Addresses;
import io.verso.protocol.storage.DocIdRequest;
import io.verso.protocol.storage.TrashedDoc;
import io.vertx.core.Handler;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code /api/trash...}: the acting user's trash over HTTP (moving a document there is
 * {@code DELETE /api/docs/{id}}, {@link DocsApi}). An adapter of the documents service's
 * {@code verso.docs.trash.list}, {@code .restore} and {@code .deleteForever}, which decide who may:
 * an owner of the trashed document; anyone else gets 404, as for a document that does not exist.
 */
public final class TrashApi {
  private final EventBus bus;

  public TrashApi(EventBus bus) {
    this.bus = bus;
  }

  public void mount(Router router, Handler<RoutingContext> authenticated) {
    router.get("/api/trash").handler(authenticated).handler(this::list);
    router.post("/api/trash/:id/restore").handler(authenticated).handler(ctx -> act(ctx, Addresses.DOCS_RESTORE));
    router.delete("/api/trash/:id").handler(authenticated).handler(ctx -> act(ctx, Addresses.DOCS_DELETE_FOREVER));
  }

  private void list(RoutingContext ctx) {
    Requests.request(bus, Addresses.DOCS_TRASH_LIST, new JsonObject(), Requests.identity(ctx))
        .map(r -> new JsonArray(TrashedDoc.listFromJson(r).stream().map(d -> (Object) d.toJson()).toList()))
        .onSuccess(list -> Requests.json(ctx, 200, list))
        .onFailure(ctx::fail);
  }

  private void act(RoutingContext ctx, String address) {
    Requests.request(bus, address, new DocIdRequest(Params.docId(ctx)).toJson(), Requests.identity(ctx))
        .onSuccess(r -> Requests.noContent(ctx))
        .onFailure(ctx::fail);
  }
}
