package io.verso.web.api;

import io.verso.protocol.Addresses;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code /api/docs/:id/history...}: a document's version history over HTTP (docs/history.md). An
 * adapter like {@link DocsApi}: each route parses its HTTP input strictly ({@link Params}), asks the
 * history service ({@code verso.history.*}) once on behalf of the verified user, and maps the answer
 * to HTTP. Roles (editors and owners only), revision ranges and names are the service's to check.
 * No-store, the body limit, the origin check of PUT/DELETE/POST and the error rendering come from
 * {@link ApiRouter}, as for every API route.
 */
public final class HistoryApi {
  private final EventBus bus;

  public HistoryApi(EventBus bus) {
    this.bus = bus;
  }

  public void mount(Router router, Handler<RoutingContext> authenticated) {
    router.get("/api/docs/:id/history").handler(authenticated).handler(this::page);
    router.get("/api/docs/:id/revisions/:rev").handler(authenticated).handler(this::revision);
    router.get("/api/docs/:id/diff").handler(authenticated).handler(this::diff);
    router.put("/api/docs/:id/versions/:rev").handler(authenticated).handler(this::nameVersion);
    router.delete("/api/docs/:id/versions/:rev").handler(authenticated).handler(this::unnameVersion);
    router.post("/api/docs/:id/restore").handler(authenticated).handler(this::restore);
    router.get("/api/docs/:id/authorship").handler(authenticated).handler(this::authorship);
  }

  /** {@code ?before&limit&named}: each optional; the service defaults them (head + 1, 20, false). */
  private void page(RoutingContext ctx) {
    JsonObject body = doc(ctx);
    String before = Params.query(ctx, "before");
    String limit = Params.query(ctx, "limit");
    String named = Params.query(ctx, "named");
    if (before != null) {
      body.put("before", Params.natural(before, "before"));
    }
    if (limit != null) {
      body.put("limit", Params.natural(limit, "limit"));
    }
    if (named != null) {
      body.put("named", Params.bool(named, "named"));
    }
    answer(ctx, ask(ctx, Addresses.HISTORY_PAGE, body));
  }

  private void revision(RoutingContext ctx) {
    answer(ctx, ask(ctx, Addresses.HISTORY_REVISION, doc(ctx).put("rev", Params.natural(ctx.pathParam("rev"), "rev"))));
  }

  private void diff(RoutingContext ctx) {
    JsonObject body = doc(ctx)
        .put("from", Params.natural(Params.requiredQuery(ctx, "from"), "from"))
        .put("to", Params.natural(Params.requiredQuery(ctx, "to"), "to"));
    answer(ctx, ask(ctx, Addresses.HISTORY_DIFF, body));
  }

  private void nameVersion(RoutingContext ctx) {
    JsonObject body = doc(ctx).put("rev", Params.natural(ctx.pathParam("rev"), "rev"))
        .put("name", Requests.string(Requests.jsonBody(ctx), "name", true));
    answer(ctx, ask(ctx, Addresses.HISTORY_VERSION_PUT, body));
  }

  private void unnameVersion(RoutingContext ctx) {
    ask(ctx, Addresses.HISTORY_VERSION_DELETE, doc(ctx).put("rev", Params.natural(ctx.pathParam("rev"), "rev")))
        .onSuccess(r -> Requests.noContent(ctx))
        .onFailure(ctx::fail);
  }

  private void restore(RoutingContext ctx) {
    answer(ctx, ask(ctx, Addresses.HISTORY_RESTORE, doc(ctx).put("rev", Params.natural(Requests.jsonBody(ctx), "rev"))));
  }

  private void authorship(RoutingContext ctx) {
    answer(ctx, ask(ctx, Addresses.HISTORY_AUTHORSHIP, doc(ctx)));
  }

  private static JsonObject doc(RoutingContext ctx) {
    return new JsonObject().put("docId", Params.docId(ctx));
  }

  private Future<JsonObject> ask(RoutingContext ctx, String address, JsonObject body) {
    return Requests.requestAbout(ctx, bus, address, body);
  }

  /** The service's answer is the route's (the contract gives both the same shape). */
  private static void answer(RoutingContext ctx, Future<JsonObject> reply) {
    reply.onSuccess(r -> Requests.json(ctx, 200, r)).onFailure(ctx::fail);
  }
}
