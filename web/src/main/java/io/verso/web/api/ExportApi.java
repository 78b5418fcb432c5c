package io.verso.web.api;

import io.verso.protocol.Addresses;
import io.verso.protocol.DeltaJson;
import io.verso.protocol.storage.DocIdRequest;
import io.verso.web.auth.Identity;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.verso.convert.Converters;
import io.verso.convert.DocFormat;
import io.verso.convert.ImageSource;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

/**
 * {@code GET /api/docs/:id/export?format=html|md|txt|docx|pdf}: the document as a file to download. Markdown
 * and text are the committed content the documents service rebuilds ({@code verso.docs.content},
 * viewer or better) and never hold comments (they have no place for them); HTML also holds the open
 * comment threads ({@link HtmlExport}) and the document's uploaded images inline ({@link ExportImages}).
 * DOCX and PDF come from the convert module (docs/convert.md) with the document's own images embedded;
 * Markdown too, through {@link DocExport}. Rendering runs on a worker. The answer is an attachment, and
 * HTML also carries a CSP that forbids script and {@code nosniff}, so an export opened in the browser
 * can never run anything.
 */
public final class ExportApi {
  private record Rendered(String title, Buffer body, String contentType, String extension) {}

  private final Vertx vertx;
  private final HtmlExport html;
  private final ExportImages images;

  public ExportApi(Vertx vertx) {
    this.vertx = vertx;
    this.html = new HtmlExport(vertx);
    this.images = new ExportImages(vertx.eventBus());
  }

  private final Converters converters = Converters.withDefaults();

  public void mount(Router router, Handler<RoutingContext> authenticated) {
    router.get("/api/docs/:id/export").handler(authenticated).handler(this::export);
  }

  private void export(RoutingContext ctx) {
    Identity who = Requests.identity(ctx);
    String name = ctx.queryParams().get("format");
    String docId = ctx.pathParam("id");
    Supplier<Future<JsonObject>> committed = () ->
        Requests.requestAbout(ctx, vertx.eventBus(), Addresses.DOCS_CONTENT, new DocIdRequest(docId).toJson());
    Future<Rendered> rendered;
    if ("docx".equals(name) || "pdf".equals(name)) {
      // the file holds the document's own images (read after the membership check), never fetches a URL
      DocFormat format = "docx".equals(name) ? DocFormat.DOCX : DocFormat.PDF;
      rendered = committed.get().compose(r -> images.inline(docId, r.getJsonArray("content"))
          .compose(content -> vertx.executeBlocking(() -> converters.export(format, DeltaJson.fromJson(content),
              r.getString("title"), ImageSource.DATA_URLS), false))
          .map(file -> new Rendered(r.getString("title"), Buffer.buffer(file.bytes()), file.contentType(), format.extension())));
    } else {
      DocExport.Format format = DocExport.Format.of(name);
      rendered = format == DocExport.Format.HTML
          ? html.read(docId, who, Requests.link(ctx), committed).compose(r -> images.inline(docId, r.content()).map(r::withContent))
              .compose(r -> onWorker(r.title(), format, () -> HtmlExport.render(r)))
          : committed.get().compose(r -> onWorker(r.getString("title"), format,
              () -> DocExport.render(DeltaJson.fromJson(r.getJsonArray("content")), r.getString("title"), format)));
    }
    rendered.onSuccess(r -> ctx.response().setStatusCode(200)
            .putHeader(HttpHeaders.CONTENT_TYPE, r.contentType())
            .putHeader("Content-Disposition", "attachment; filename=\"" + DocExport.fileName(r.title(), r.extension()) + "\"")
            .putHeader("Content-Security-Policy", "default-src 'none'; img-src http: https: data:; sandbox")
            .putHeader("X-Content-Type-Options", "nosniff")
            .end(r.body()))
        .onFailure(ctx::fail);
  }

  private Future<Rendered> onWorker(String title, DocExport.Format format, Callable<String> render) {
    return vertx.executeBlocking(render, false)
        .map(body -> new Rendered(title, Buffer.buffer(body), format.contentType(), format.extension()));
  }
}
