package io.verso.auth;

import io.verso.protocol.Addresses;
import io.verso.protocol.Fields;
import io.verso.protocol.storage.DocListRequest;
import io.verso.protocol.auth.ShareLinkToken;
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
    on(Addresses.DOCS_LIST, (b, who) -> docs.list(DocListRequest.fromJson(b), who.user()));
    on(Addresses.DOCS_CREATE, (b, who) -> docs.create(b.getValue("title"), who.user()).map(d -> d.toJson()));
    on(Addresses.DOCS_GET, (b, who) -> docs.get(docId(b), who.user(), who.link()));
    on(Addresses.DOCS_RENAME, (b, who) -> docs.rename(docId(b), b.getValue("title"), who.user(), who.link()).map(d -> d.toJson()));
    // the trash and its lifecycle are the owners' own: a link never reaches them
    on(Addresses.DOCS_DELETE, (b, who) -> trash.trash(docId(b), who.user()).map(v -> new JsonObject()));
    on(Addresses.DOCS_TRASH_LIST, (b, who) -> trash.list(who.user()));
    on(Addresses.DOCS_RESTORE, (b, who) -> trash.restore(docId(b), who.user()).map(v -> new JsonObject()));
    on(Addresses.DOCS_DELETE_FOREVER, (b, who) -> trash.deleteForever(docId(b), who.user()).map(v -> new JsonObject()));
    on(Addresses.DOCS_CONTENT, (b, who) -> docs.content(docId(b), who.user(), who.link()));
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

  /** Who a request acts for: the stamped user, and the share-link token it came with (or null). */
  record Acting(String user, String link) {}

  /** Registers a consumer that always ends in a reply or a fail (a thrown exception included). */
  private void on(String address, BiFunction<JsonObject, Acting, Future<JsonObject>> handler) {
    consumers.add(vertx.eventBus().consumer(address, msg -> Failures.respond(msg,
        () -> handler.apply(Fields.body(msg.body()), new Acting(msg.headers().get(Addresses.HEADER_USER_ID),
            ShareLinkToken.of(msg.headers().get(Addresses.HEADER_LINK)))))));
  }
}
