package io.verso.web.api;

import io.verso.protocol.Addresses;
import io.verso.protocol.DeltaJson;
import io.verso.protocol.storage.DocIdRequest;
import io.verso.web.auth.Identity;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

/**
 * {@code GET /api/docs/:id/export?format=html|md|txt}: the document as a file to download. Markdown
 * and text are the committed content the documents service rebuilds ({@code verso.docs.content},
 * viewer or better) and never hold comments (they have no place for them); HTML also holds the open
 * comment threads ({@link HtmlExport}) and the document's uploaded images inline ({@link ExportImages}).
 * Rendering runs on a worker. The answer is an attachment, and
 * HTML also carries a CSP that forbids script and {@code nosniff}, so an export opened in the browser
 * can never run anything.
 */
public final class ExportApi {
  private record Rendered(String title, String body) {}

  private final Vertx vertx;
  private final HtmlExport html;
  private final ExportImages images;

  public ExportApi(Vertx vertx) {
    this.vertx = vertx;
    this.html = new HtmlExport(vertx);
    this.images = new ExportImages(vertx.eventBus());
  }

  public void mount(Router router, Handler<RoutingContext> authenticated) {
    router.get("/api/docs/:id/export").handler(authenticated).handler(this::export);
  }

  private void export(RoutingContext ctx) {
    Identity who = Requests.identity(ctx);
    DocExport.Format format = DocExport.Format.of(ctx.queryParams().get("format"));
    String docId = ctx.pathParam("id");
    Supplier<Future<JsonObject>> committed = () ->
        Requests.request(vertx.eventBus(), Addresses.DOCS_CONTENT, new DocIdRequest(docId).toJson(), who);
    Future<Rendered> rendered = format == DocExport.Format.HTML
        ? html.read(docId, who, committed).compose(r -> images.inline(docId, r.content()).map(r::withContent))
            .compose(r -> onWorker(r.title(), () -> HtmlExport.render(r)))
        : committed.get().compose(r -> onWorker(r.getString("title"),
            () -> DocExport.render(DeltaJson.fromJson(r.getJsonArray("content")), r.getString("title"), format)));
    rendered.onSuccess(r -> ctx.response().setStatusCode(200)
            .putHeader(HttpHeaders.CONTENT_TYPE, format.contentType())
            .putHeader("Content-Disposition", "attachment; filename=\"" + DocExport.fileName(r.title(), format) + "\"")
            .putHeader("Content-Security-Policy", "default-src 'none'; img-src http: https: data:; sandbox")
            .putHeader("X-Content-Type-Options", "nosniff")
            .end(r.body()))
        .onFailure(ctx::fail);
  }

  private Future<Rendered> onWorker(String title, Callable<String> render) {
    return vertx.executeBlocking(render, false).map(body -> new Rendered(title, body));
  }
}
