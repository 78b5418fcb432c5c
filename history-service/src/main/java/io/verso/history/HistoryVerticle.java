package io.verso.history;

import io.verso.delta.HistorySessions;
import io.verso.history.HistoryAccess.Access;
import io.verso.history.wire.DiffRequest;
import io.verso.history.wire.PageRequest;
import io.verso.history.wire.RevRequest;
import io.verso.history.wire.VersionPut;
import io.verso.protocol.Addresses;
import io.verso.protocol.DeltaJson;
import io.verso.protocol.Fields;
import io.verso.runtime.Configs;
import io.verso.runtime.DocumentClient;
import io.verso.runtime.Failures;
import io.verso.runtime.SharedJson;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The history-service: one consumer per {@code Addresses.HISTORY_*} address, the logic in small
 * classes. Every request is parsed, then checked ({@link HistoryAccess}: the acting user of the
 * {@code verso-user-id} header must be an editor or owner), then answered. Stateless but for the
 * author names it keeps, so any number of nodes may run it. Configuration: {@code
 * history.docTimeoutMs} (10000), how long a request to a document's sequencer (restore's open and
 * submit, authorship) waits before it counts as lost (a submit is then sent again);
 * {@code history.maxDiffBytes} (32 MiB), the most op JSON one diff holds (TOO_LARGE beyond).
 */
public class HistoryVerticle extends VerticleBase {
  private final List<MessageConsumer<Object>> consumers = new ArrayList<>();
  private HistoryAccess access;

  @Override
  public Future<?> start() {
    SharedJson.register(vertx.eventBus());
    long docTimeoutMs = Configs.longValue(config(), "history.docTimeoutMs", 10_000L);
    access = new HistoryAccess(vertx.eventBus());
    HistoryStore store = new HistoryStore(vertx.eventBus());
    AuthorNames names = new AuthorNames(store);
    DocumentClient documents = new DocumentClient(vertx);
    Revisions revisions = new Revisions(vertx, store);
    HistoryPages pages = new HistoryPages(store, names, HistorySessions.DEFAULT_GAP_MILLIS);
    Diffs diffs = new Diffs(vertx, revisions, Configs.longValue(config(), "history.maxDiffBytes", 32L << 20));
    Restorer restorer = new Restorer(vertx, revisions, documents, docTimeoutMs);
    DocAuthorship authorship = new DocAuthorship(documents, names, docTimeoutMs);

    on(Addresses.HISTORY_PAGE, PageRequest::fromJson, PageRequest::docId, pages::page);
    on(Addresses.HISTORY_REVISION, RevRequest::fromJson, RevRequest::docId, (a, r) -> revisions
        .content(a.docId(), a.requireRev(r.rev())).map(c -> new JsonObject().put("rev", r.rev()).put("content", DeltaJson.toJson(c))));
    on(Addresses.HISTORY_DIFF, DiffRequest::fromJson, DiffRequest::docId, diffs::diff);
    on(Addresses.HISTORY_VERSION_PUT, VersionPut::fromJson, VersionPut::docId, (a, p) -> {
      a.requireOpRev(p.rev());
      return store.putVersion(p, a.userId());
    });
    on(Addresses.HISTORY_VERSION_DELETE, RevRequest::fromJson, RevRequest::docId,
        (a, r) -> store.deleteVersion(a.docId(), a.requireOpRev(r.rev())).map(v -> new JsonObject()));
    on(Addresses.HISTORY_RESTORE, RevRequest::fromJson, RevRequest::docId, (a, r) -> restorer.restore(a, r.rev()));
    on(Addresses.HISTORY_AUTHORSHIP, b -> Fields.docId(b, "docId"), d -> d, (a, d) -> authorship.of(a));
    return Future.all(consumers.stream().map(MessageConsumer::completion).toList());
  }

  @Override
  public Future<?> stop() {
    return Future.all(consumers.stream().map(MessageConsumer::unregister).toList());
  }

  /**
   * Registers a consumer: the body parsed into {@code R} (BAD_REQUEST), the acting user's access to
   * its document checked, then {@code handler}; it always ends in a reply or a fail.
   */
  private <R> void on(String address, Function<JsonObject, R> parse, Function<R, String> docId,
      BiFunction<Access, R, Future<JsonObject>> handler) {
    consumers.add(vertx.eventBus().consumer(address, msg -> Failures.respond(msg, () -> {
      R req = parse.apply(Fields.body(msg.body()));
      return access.editor(docId.apply(req), msg.headers().get(Addresses.HEADER_USER_ID),
          msg.headers().get(Addresses.HEADER_LINK))
          .compose(a -> handler.apply(a, req));
    })));
  }
}
