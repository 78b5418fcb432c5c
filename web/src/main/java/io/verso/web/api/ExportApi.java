package io.verso.web.api;

import io.verso.protocol.Addresses;
import io.verso.protocol.DeltaJson;
import io.verso.protocol.storage.DocIdRequest;
import io.verso.web.auth.Identity;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code GET /api/docs/:id/export?format=html|md|txt}: the document as a file to download, from the
 * committed content the documents service rebuilds ({@code verso.docs.content}, viewer or better);
 * rendering runs on a worker. The answer is an attachment, and HTML also carries a CSP that forbids
 * script and {@code nosniff}, so an export opened in the browser can never run anything.
 */
public final class ExportApi {
  private final Vertx vertx;

  public ExportApi(Vertx vertx) {
    this.vertx = vertx;
  }

  public void mount(Router router, Handler<RoutingContext> authenticated) {
    router.get("/api/docs/:id/export").handler(authenticated).handler(this::export);
  }

  private void export(RoutingContext ctx) {
    Identity who = Requests.identity(ctx);
    DocExport.Format format = DocExport.Format.of(ctx.queryParams().get("format"));
    Requests.request(vertx.eventBus(), Addresses.DOCS_CONTENT, new DocIdRequest(ctx.pathParam("id")).toJson(), who)
        .compose(r -> {
          String title = r.getString("title");
          return vertx.executeBlocking(() -> DocExport.render(DeltaJson.fromJson(r.getJsonArray("content")), title, format),
              false).map(body -> {
            ctx.response()
                .putHeader(HttpHeaders.CONTENT_TYPE, format.contentType())
                .putHeader("Content-Disposition", "attachment; filename=\"" + DocExport.fileName(title, format) + "\"")
                .putHeader("Content-Security-Policy", "default-src 'none'; img-src http: https: data:; sandbox")
                .putHeader("X-Content-Type-Options", "nosniff");
            return body;
          });
        })
        .onSuccess(body -> ctx.response().setStatusCode(200).end(body))
        .onFailure(ctx::fail);
  }
}
