package io.verso.web.api;

import io.verso.protocol.Addresses;
import io.verso.protocol.Fields;
import io.verso.protocol.Role;
import io.verso.runtime.Bus;
import io.verso.runtime.DocumentClient;
import io.verso.web.auth.Identity;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;

/**
 * Requests to a document's address {@code doc.<id>} on behalf of an HTTP user: the user's role comes
 * from the documents service ({@code verso.docs.get} as the user: 404 for a non-member, so a stranger
 * learns nothing), then each request carries the user's id, display name and role stamped in its
 * headers, as the bridge stamps a socket's.
 */
final class DocumentAsUser {
  private final Vertx vertx;
  private final DocumentClient documents;

  DocumentAsUser(Vertx vertx) {
    this.vertx = vertx;
    this.documents = new DocumentClient(vertx);
  }

  /**
   * The headers of {@code who}'s requests to the document (fails NOT_FOUND when not a member nor a
   * holder of its share link {@code link}, null for none): the role stamped is the better of both.
   */
  Future<DeliveryOptions> headers(String docId, Identity who, String link) {
    return Bus.request(vertx.eventBus(), Addresses.DOCS_GET, new JsonObject().put("docId", docId),
            Requests.withLink(Requests.asUser(who), link))
        .map(doc -> {
          Role role = Role.ofWireOrNone(doc.getString("role"));
          DeliveryOptions stamped = new DeliveryOptions()
              .addHeader(Addresses.HEADER_USER_ID, who.userId())
              .addHeader(Addresses.HEADER_USER_NAME, who.displayName() != null ? who.displayName() : who.username());
          if (role != null) {
            stamped.addHeader(Addresses.HEADER_ROLE, role.wire());
          }
          return stamped;
        });
  }

  /** {@code body} (an action) to the document, with {@code headers} from {@link #headers}. */
  Future<JsonObject> request(String docId, JsonObject body, DeliveryOptions headers) {
    return documents.request(docId, body, headers).map(m -> Fields.body(m.body()));
  }
}
