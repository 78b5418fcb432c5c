package io.verso.web.api;

import io.verso.protocol.Addresses;
import io.verso.protocol.storage.UserSearchRequest;
import io.vertx.core.Handler;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code GET /api/users?q=}: people search for the share dialog, signed-in users only. auth-service
 * decides the rest (query length, at most 10 matches, a rate per user); the answer is
 * {@code [{"username","displayName"}]} and nothing else about anyone.
 */
public final class UsersApi {
  private final EventBus bus;

  public UsersApi(EventBus bus) {
    this.bus = bus;
  }

  public void mount(Router router, Handler<RoutingContext> authenticated) {
    router.get("/api/users").handler(authenticated).handler(this::search);
  }

  private void search(RoutingContext ctx) {
    String q = Params.query(ctx, "q");
    Requests.request(bus, Addresses.AUTH_USER_SEARCH, new JsonObject().put("q", q == null ? "" : q), Requests.identity(ctx))
        .map(r -> new JsonArray(UserSearchRequest.matchesOf(r).stream()
            .map(m -> (Object) new JsonObject().put("username", m.username()).put("displayName", m.displayName()))
            .toList()))
        .onSuccess(list -> Requests.json(ctx, 200, list))
        .onFailure(ctx::fail);
  }
}
