package io.verso.auth;

import io.verso.protocol.Addresses;
import io.verso.protocol.Fields;
import io.verso.protocol.storage.DocListRequest;
import io.verso.runtime.Failures;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

/**
 * The documents service on the event bus: one consumer per {@code Addresses.DOCS_*} address, the
 * logic in {@link Documents}. Deployed with auth-service, which owns roles and members. Every
 * request acts for the user in the {@code verso-user-id} header, stamped by the web tier.
 */
public class DocumentsVerticle extends VerticleBase {
  private final List<MessageConsumer<Object>> consumers = new ArrayList<>();

  @Override
  public Future<?> start() {
    Memberships members = new Memberships(vertx.eventBus());
    Documents docs = new Documents(vertx, members);
    DocumentTrash trash = new DocumentTrash(vertx.eventBus(), members);
    on(Addresses.DOCS_LIST, (b, user) -> docs.list(DocListRequest.fromJson(b), user));
    on(Addresses.DOCS_CREATE, (b, user) -> docs.create(b.getValue("title"), user).map(d -> d.toJson()));
    on(Addresses.DOCS_GET, (b, user) -> docs.get(docId(b), user));
    on(Addresses.DOCS_RENAME, (b, user) -> docs.rename(docId(b), b.getValue("title"), user).map(d -> d.toJson()));
    on(Addresses.DOCS_DELETE, (b, user) -> trash.trash(docId(b), user).map(v -> new JsonObject()));
    on(Addresses.DOCS_TRASH_LIST, (b, user) -> trash.list(user));
    on(Addresses.DOCS_RESTORE, (b, user) -> trash.restore(docId(b), user).map(v -> new JsonObject()));
    on(Addresses.DOCS_DELETE_FOREVER, (b, user) -> trash.deleteForever(docId(b), user).map(v -> new JsonObject()));
    on(Addresses.DOCS_CONTENT, (b, user) -> docs.content(docId(b), user));
    return Future.all(consumers.stream().map(MessageConsumer::completion).toList());
  }

  @Override
  public Future<?> stop() {
    return Future.all(consumers.stream().map(MessageConsumer::unregister).toList());
  }

  /** The requested id as sent: one no document can have is NOT_FOUND in the role check, like a stranger's. */
  private static String docId(JsonObject body) {
    return body.getValue("docId") instanceof String s ? s : null;
  }

  /** Registers a consumer that always ends in a reply or a fail (a thrown exception included). */
  private void on(String address, BiFunction<JsonObject, String, Future<JsonObject>> handler) {
    consumers.add(vertx.eventBus().consumer(address, msg -> Failures.respond(msg,
        () -> handler.apply(Fields.body(msg.body()), msg.headers().get(Addresses.HEADER_USER_ID)))));
  }
}
