package io.verso.auth;

import io.verso.protocol.Addresses;
import io.verso.protocol.DeltaJson;
import io.verso.protocol.ErrorCode;
import io.verso.protocol.Role;
import io.verso.protocol.storage.DocCreateRequest;
import io.verso.protocol.storage.DocIdRequest;
import io.verso.protocol.storage.DocRecord;
import io.verso.protocol.storage.DocRenameRequest;
import io.verso.protocol.storage.LoadResult;
import io.verso.protocol.storage.DocListRequest;
import io.verso.runtime.Bus;
import io.verso.runtime.DocumentRebuilder;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonObject;

/**
 * Documents and who may do what to them, in one place: listing and creating need a verified user,
 * reading and exporting membership, renaming editor or better ({@link DocumentTrash}: trashing the owner). Every check is
 * {@link Memberships#requireRole}, so non-members get NOT_FOUND and learn nothing of a document's
 * existence. Storage holds the documents; this is the only caller of its document addresses.
 */
public final class Documents {
  private final Vertx vertx;
  private final EventBus bus;
  private final Memberships members;

  public Documents(Vertx vertx, Memberships members) {
    this.vertx = vertx;
    this.bus = vertx.eventBus();
    this.members = members;
  }

  /** The user's live documents the request picks: storage's {docs:[DocSummary…]} (DocListRequest). */
  public Future<JsonObject> list(DocListRequest request, String actingUserId) {
    return Bus.request(bus, Addresses.STORAGE_DOC_LIST, request.withUser(verified(actingUserId)).toJson());
  }

  /** A new document owned by the acting user; the title checked first ({@link #title}). */
  public Future<DocRecord> create(Object title, String actingUserId) {
    DocCreateRequest req = new DocCreateRequest(verified(actingUserId), title(title, false));
    return Bus.request(bus, Addresses.STORAGE_DOC_CREATE, req.toJson()).map(DocRecord::fromJson);
  }

  /** The document and the acting user's role on it (viewer or better). */
  public Future<JsonObject> get(String docId, String actingUserId) {
    return members.requireRole(docId, actingUserId, Role.VIEWER)
        .compose(role -> Bus.request(bus, Addresses.STORAGE_DOC_GET, new DocIdRequest(docId).toJson())
            .map(doc -> DocRecord.fromJson(doc).toJson().put("role", role.wire())));
  }

  /** Renames (editor or better); a bad title is refused before the role is asked. */
  public Future<DocRecord> rename(String docId, Object title, String actingUserId) {
    String t = title(title, true);
    return members.requireRole(docId, actingUserId, Role.EDITOR)
        .compose(role -> Bus.request(bus, Addresses.STORAGE_DOC_RENAME, new DocRenameRequest(docId, t).toJson()))
        .map(DocRecord::fromJson);
  }

  /**
   * {title, content}: the document as storage has committed it (snapshot + later ops, rebuilt as the
   * sequencer rebuilds it), so every acknowledged edit is in it and reading it never loads the
   * document on a sequencer. Viewer or better. Parsing and rebuilding run on a worker.
   */
  public Future<JsonObject> content(String docId, String actingUserId) {
    return members.requireRole(docId, actingUserId, Role.VIEWER)
        .compose(role -> Bus.request(bus, Addresses.STORAGE_DOC_LOAD, new DocIdRequest(docId).toJson()))
        .compose(json -> vertx.executeBlocking(() -> {
          LoadResult loaded = LoadResult.fromJson(json);
          return new JsonObject().put("title", loaded.title())
              .put("content", DeltaJson.toJson(DocumentRebuilder.rebuild(loaded).toDelta()));
        }, false));
  }

  /**
   * A title of 1..200 UTF-16 units (storage's limit), stripped, without control characters or lone
   * surrogates (UTF-8 has no form for them: stored, one would silently become {@code ?});
   * "Untitled" when optional and absent. BAD_REQUEST otherwise.
   */
  static String title(Object value, boolean required) {
    if (value == null) {
      if (required) {
        throw ErrorCode.BAD_REQUEST.exception("title is required");
      }
      return "Untitled";
    }
    if (!(value instanceof String title)) {
      throw ErrorCode.BAD_REQUEST.exception("title must be a string");
    }
    String t = title.strip();
    if (t.isEmpty() || t.length() > DocRecord.MAX_TITLE || t.codePoints().anyMatch(Character::isISOControl)) {
      throw ErrorCode.BAD_REQUEST.exception("title must be 1..200 characters without control characters");
    }
    if (!DeltaJson.isWellFormed(t)) {
      throw ErrorCode.BAD_REQUEST.exception("title must not contain a lone UTF-16 surrogate");
    }
    return t;
  }

  private static String verified(String actingUserId) {
    if (actingUserId == null || actingUserId.isEmpty()) {
      throw ErrorCode.UNAUTHENTICATED.exception("no verified user");
    }
    return actingUserId;
  }
}
