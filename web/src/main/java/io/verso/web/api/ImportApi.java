package io.verso.web.api;

import io.verso.convert.ConvertException;
import io.verso.convert.Converters;
import io.verso.convert.DocFormat;
import io.verso.convert.ImportResult;
import io.verso.delta.Delta;
import io.verso.protocol.Addresses;
import io.verso.protocol.DeltaJson;
import io.verso.protocol.ErrorCode;
import io.verso.runtime.Failures;
import io.verso.protocol.doc.SubmitRequest;
import io.verso.protocol.storage.DocRecord;
import io.verso.web.auth.Identity;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /api/docs/import?title=…}: a file becomes a new document of the user's (docs/protocol.md,
 * "Import"). The body is the file, its {@code Content-Type} its format (415 for any other); it is
 * counted while it arrives (413 past {@code import.maxBytes}); imports per user and conversions at once
 * per node are bounded (429); the conversion runs on its own workers with a time limit. The document is
 * then created, the file's images stored as the document's own ({@link ImportImages}), and its content
 * submitted as the importer's edits ({@link ImportOps}: one revision, or several when it is longer
 * than one op may be). Anything failing after the creation deletes the document for good: a failed
 * import leaves nothing behind. 201 {id, title, report:{skipped:[…]}}.
 */
public final class ImportApi {
  private static final Logger log = LoggerFactory.getLogger(ImportApi.class);
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final int SUBMIT_ATTEMPTS = 5;

  private final Vertx vertx;
  private final ImportConfig config;
  private final ImagesConfig images;
  private final UploadRate rate;
  private final WorkerExecutor workers;
  private final AtomicInteger converting = new AtomicInteger();
  private final DocumentAsUser documents;

  public ImportApi(Vertx vertx, ImportConfig config, ImagesConfig images) {
    this.vertx = vertx;
    this.config = config;
    this.images = images;
    this.rate = new UploadRate(config.perMinute(), System::nanoTime, "too many imports");
    // its own pool: a slow conversion never holds up the workers every other request shares
    this.workers = vertx.createSharedWorkerExecutor("verso-import", config.maxConcurrent(), config.timeoutMs(),
        TimeUnit.MILLISECONDS);
    this.documents = new DocumentAsUser(vertx);
  }

  /** Before any body handler: the route reads (and limits) the body itself. */
  public void mount(Router router, Handler<RoutingContext> authenticated) {
    router.post("/api/docs/import").handler(ctx -> {
      ctx.request().pause(); // until the identity is known: then the body is read, counted
      ctx.next();
    }).handler(authenticated).handler(this::importFile).failureHandler(ctx -> {
      UploadBody.closeAfterAnswer(ctx);
      ctx.next();
    });
  }

  private void importFile(RoutingContext ctx) {
    Identity who = Requests.identity(ctx);
    DocFormat format = DocFormat.ofContentType(ctx.request().getHeader(HttpHeaders.CONTENT_TYPE))
        .filter(DocFormat::importable)
        .orElseThrow(() -> ErrorCode.UNSUPPORTED_TYPE.exception(
            "import takes DOCX, Markdown (text/markdown), HTML (text/html) or text (text/plain)"));
    String title = title(ctx);
    int maxBytes = (int) Math.min(Integer.MAX_VALUE - 8, config.convert().maxInputBytes());
    UploadBody.checkDeclaredLength(ctx.request(), maxBytes, "a file to import");
    rate.take(who.userId());
    if (converting.incrementAndGet() > config.maxConcurrent()) {
      converting.decrementAndGet();
      throw ErrorCode.RATE_LIMITED.exception(io.verso.protocol.RetryAfter.message("imports are busy on this node", 2));
    }
    UploadBody.read(ctx.request(), maxBytes, "a file to import")
        .compose(body -> convert(format, body.getBytes()))
        .eventually(() -> {
          converting.decrementAndGet();
          return Future.succeededFuture();
        })
        .compose(converted -> create(who, title, converted))
        .onSuccess(made -> {
          ctx.response().putHeader(HttpHeaders.LOCATION, "/api/docs/" + made.getString("id"));
          Requests.json(ctx, 201, made);
        })
        .onFailure(ctx::fail);
  }

  private static String title(RoutingContext ctx) {
    String title = ctx.queryParams().get("title");
    return title == null || title.isBlank() ? "Imported document" : title;
  }

  /** The file as a document and its report, or the refusal's code; a conversion past its time is refused. */
  private Future<Converted> convert(DocFormat format, byte[] file) {
    ImportImages.Collector collector = new ImportImages.Collector(images.maxBytes(), images.maxPerDocument());
    Converters withImages = new Converters(config.convert(), collector);
    return workers.executeBlocking(() -> new Converted(withImages.importFile(format, file), collector.images()), false)
        .timeout(config.timeoutMs(), TimeUnit.MILLISECONDS)
        .recover(err -> Future.failedFuture(err instanceof ConvertException c
            ? c.errorCode().exception(c.getMessage())
            : err instanceof java.util.concurrent.TimeoutException
                ? ErrorCode.TOO_LARGE.exception("the file took longer than " + config.timeoutMs() + " ms to convert")
                : err));
  }

  /** The document, its images, its content as edits; deleted for good if any step after its creation fails. */
  private Future<JsonObject> create(Identity who, String title, Converted converted) {
    return Requests.request(vertx.eventBus(), Addresses.DOCS_CREATE, new JsonObject().put("title", title), who)
        .map(DocRecord::fromJson)
        .compose(doc -> fill(who, doc.id(), converted)
            .map(v -> new JsonObject().put("id", doc.id()).put("title", doc.title())
                .put("report", new JsonObject().put("skipped", new JsonArray(converted.result().skipped()))))
            .recover(err -> discard(who, doc.id()).transform(ignored -> Future.failedFuture(err))));
  }

  private Future<Void> fill(Identity who, String docId, Converted converted) {
    List<Delta> ops = ImportOps.of(ImportImages.place(converted.result().content(), docId), config.ops());
    return new ImportImages(vertx.eventBus(), images).store(docId, who, converted.images())
        .compose(v -> ops.isEmpty() ? Future.succeededFuture() : documents.headers(docId, who, null)
            .compose(headers -> submit(docId, headers, newClientId(), ops, 0)));
  }

  /** The ops in order, each at the revision the previous one made (one importer, nobody else knows the id yet). */
  private Future<Void> submit(String docId, DeliveryOptions headers, String clientId, List<Delta> ops, int i) {
    if (i == ops.size()) {
      return Future.succeededFuture();
    }
    SubmitRequest submit = new SubmitRequest(clientId, i + 1, i, DeltaJson.toJson(ops.get(i)));
    return send(docId, headers, submit.toJson(), 1)
        .compose(reply -> submit(docId, headers, clientId, ops, i + 1));
  }

  /** The same submit again while its answer is lost (UNAVAILABLE covers timeouts): the sequencer applies it once. */
  private Future<JsonObject> send(String docId, DeliveryOptions headers, JsonObject body, int attempt) {
    return documents.request(docId, body, headers).recover(err -> attempt < SUBMIT_ATTEMPTS
        && Failures.codeOf(err) == ErrorCode.UNAVAILABLE
        ? vertx.timer(200L * attempt).compose(t -> send(docId, headers, body, attempt + 1))
        : Future.failedFuture(err));
  }

  /** Trash, then delete forever: the owner's own two steps, so nothing of a failed import stays. */
  private Future<Void> discard(Identity who, String docId) {
    JsonObject doc = new JsonObject().put("docId", docId);
    return Requests.request(vertx.eventBus(), Addresses.DOCS_DELETE, doc, who)
        .compose(v -> Requests.request(vertx.eventBus(), Addresses.DOCS_DELETE_FOREVER, doc, who))
        .<Void>mapEmpty()
        .onFailure(err -> log.warn("a failed import's document {} could not be deleted: {}", docId, err.toString()));
  }

  private static String newClientId() {
    byte[] id = new byte[12];
    RANDOM.nextBytes(id);
    return "import-" + HexFormat.of().formatHex(id);
  }

  private record Converted(ImportResult result, List<ImportImages.Image> images) {}
}
