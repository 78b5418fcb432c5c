package io.verso.history;

import static io.verso.auth.testing.AuthTestConfig.await;

import io.verso.auth.AuthVerticle;
import io.verso.auth.DocumentsVerticle;
import io.verso.auth.SigningKeys;
import io.verso.auth.testing.AuthTestConfig;
import io.verso.delta.Delta;
import io.verso.edit.EditVerticle;
import io.verso.protocol.Addresses;
import io.verso.protocol.DeltaJson;
import io.verso.protocol.ErrorCode;
import io.verso.protocol.auth.SessionGrant;
import io.verso.protocol.storage.DocRecord;
import io.verso.runtime.DocumentClient;
import io.verso.storage.StorageVerticle;
import io.verso.storage.testing.TestPostgres;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * The real services history needs, in one Vert.x: storage-service on a fresh database of the
 * embedded PostgreSQL, auth-service with the documents service, edit-service (sequencers, with a
 * snapshot every few revisions so revisions open from snapshots too) and the history-service.
 */
final class HistoryStack implements AutoCloseable {
  static final int SNAPSHOT_EVERY = 7;

  final Vertx vertx = Vertx.vertx();

  /** @param docTimeoutMs how long the history-service waits for a sequencer's answer */
  HistoryStack(long docTimeoutMs) {
    this(docTimeoutMs, 32L << 20);
  }

  /** @param maxDiffBytes the most op JSON the history-service holds for one diff */
  HistoryStack(long docTimeoutMs, long maxDiffBytes) {
    await(vertx.deployVerticle(new StorageVerticle(), new DeploymentOptions().setConfig(TestPostgres.freshConfig())));
    await(vertx.deployVerticle(new AuthVerticle(),
        new DeploymentOptions().setConfig(AuthTestConfig.config(SigningKeys.generate(), 60_000))));
    await(vertx.deployVerticle(new DocumentsVerticle()));
    await(vertx.deployVerticle(new EditVerticle(), new DeploymentOptions().setConfig(new JsonObject().put("edit",
        new JsonObject().put("snapshotEvery", SNAPSHOT_EVERY).put("opsPerSecond", 10_000.0).put("opsBurst", 10_000)))));
    await(vertx.deployVerticle(new HistoryVerticle(), new DeploymentOptions().setConfig(
        new JsonObject().put("history.docTimeoutMs", docTimeoutMs).put("history.maxDiffBytes", maxDiffBytes))));
  }

  /** A new user "User name" (display name); its id. */
  String register(String username) {
    return SessionGrant.fromJson(call(Addresses.AUTH_REGISTER, new JsonObject().put("username", username)
        .put("password", "password-" + username).put("displayName", "User " + username), null)).user().id();
  }

  String create(String ownerId) {
    return DocRecord.fromJson(call(Addresses.DOCS_CREATE, new JsonObject().put("title", "History"), ownerId)).id();
  }

  void share(String docId, String ownerId, String username, String role) {
    call(Addresses.AUTH_MEMBER_PUT, new JsonObject().put("docId", docId).put("username", username).put("role", role),
        ownerId);
  }

  /** A request as the web tier sends it: the acting user in {@code verso-user-id}. */
  JsonObject call(String address, JsonObject body, String actingUser) {
    DeliveryOptions opts = new DeliveryOptions().setSendTimeout(30_000);
    if (actingUser != null) {
      opts.addHeader(Addresses.HEADER_USER_ID, actingUser);
    }
    return await(vertx.eventBus().<JsonObject>request(address, body, opts).map(Message::body));
  }

  /** The error code {@code address} answers with. */
  ErrorCode failure(String address, JsonObject body, String actingUser) {
    try {
      call(address, body, actingUser);
    } catch (ReplyException e) {
      return ErrorCode.of(e.failureCode());
    }
    throw new AssertionError(address + " answered " + body + " without failing");
  }

  /** Submits an op to the document's sequencer as an editor; its revision. */
  long submit(String docId, String userId, String clientId, long seq, long baseRev, Delta op) {
    JsonObject body = new JsonObject().put("action", "submit").put("clientId", clientId).put("seq", seq)
        .put("baseRev", baseRev).put("ops", DeltaJson.toJson(op));
    return doc(docId, userId, body).getLong("rev");
  }

  /** The sequencer's current content. */
  Delta open(String docId, String userId) {
    return DeltaJson.fromJson(doc(docId, userId, new JsonObject().put("action", "open")).getJsonArray("content"));
  }

  private JsonObject doc(String docId, String userId, JsonObject body) {
    DeliveryOptions opts = new DeliveryOptions().setSendTimeout(30_000)
        .addHeader(Addresses.HEADER_USER_ID, userId).addHeader(Addresses.HEADER_ROLE, "editor");
    return await(new DocumentClient(vertx).request(docId, body, opts).map(m -> (JsonObject) m.body()));
  }

  /** A diff's ops as a delta (authors dropped: they are not part of a delta). */
  static Delta withoutAuthors(JsonArray ops) {
    JsonArray plain = new JsonArray();
    ops.forEach(o -> {
      JsonObject op = ((JsonObject) o).copy();
      op.remove("author");
      plain.add(op);
    });
    return DeltaJson.fromJson(plain);
  }

  @Override
  public void close() {
    await(vertx.close());
  }
}
