package io.verso.web.api;

import io.verso.protocol.storage.DocListRequest;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code GET /api/docs?q=&sort=edited|title&filter=all|mine|shared&limit=1..1000}: the query
 * parameters as a {@link DocListRequest} (checked here, so a bad one is a 400 naming it before any
 * service is asked; the acting user is added by the documents service).
 */
final class DocListParams {
  private DocListParams() {}

  static JsonObject of(RoutingContext ctx) {
    JsonObject json = new JsonObject();
    String q = Params.query(ctx, "q");
    if (q != null) {
      json.put("query", q);
    }
    String sort = Params.query(ctx, "sort");
    if (sort != null) {
      json.put("sort", sort);
    }
    String filter = Params.query(ctx, "filter");
    if (filter != null) {
      json.put("filter", filter);
    }
    String limit = Params.query(ctx, "limit");
    if (limit != null) {
      json.put("limit", Params.natural(limit, "limit"));
    }
    return DocListRequest.fromJson(json).toJson();
  }
}
