package io.verso.web.api;

import io.verso.protocol.Addresses;
import io.verso.protocol.ErrorCode;
import io.verso.protocol.auth.MemberChange;
import io.verso.protocol.auth.RoleChanged;
import io.verso.delta.Delta;
import io.verso.protocol.DeltaJson;
import io.verso.protocol.storage.DocCreateRequest;
import io.verso.protocol.storage.DocIdRequest;
import io.verso.protocol.storage.DocRecord;
import io.verso.protocol.storage.DocRenameRequest;
import io.verso.protocol.storage.DocSummary;
import io.verso.protocol.storage.LoadResult;
import io.verso.protocol.storage.OpRecord;
import io.verso.protocol.storage.Member;
import io.verso.protocol.storage.MemberRequest;
import io.verso.protocol.Role;
import io.verso.protocol.storage.UserIdRequest;
import io.verso.web.auth.Identity;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code /api/docs...}: documents and their members. Every route needs a verified user; reading
 * needs membership, renaming editor or better, deleting and membership changes the owner.
 * Non-members get 404 so they learn nothing about a document's existence.
 */
public final class DocsApi {
  private final Vertx vertx;
  private final EventBus bus;

  public DocsApi(Vertx vertx) {
    this.vertx = vertx;
    this.bus = vertx.eventBus();
  }

  public void mount(Router router, Handler<RoutingContext> authenticated) {
    router.get("/api/docs").handler(authenticated).handler(this::list);
    router.post("/api/docs").handler(authenticated).handler(this::create);
    router.get("/api/docs/:id").handler(authenticated).handler(this::get);
    router.patch("/api/docs/:id").handler(authenticated).handler(this::rename);
    router.delete("/api/docs/:id").handler(authenticated).handler(this::delete);
    router.get("/api/docs/:id/members").handler(authenticated).handler(this::members);
    router.get("/api/docs/:id/export").handler(authenticated).handler(this::export);
    router.put("/api/docs/:id/members/:username").handler(authenticated).handler(this::putMember);
    router.delete("/api/docs/:id/members/:username").handler(authenticated).handler(this::removeMember);
  }

  private void list(RoutingContext ctx) {
    Identity who = Requests.identity(ctx);
    Requests.request(bus, Addresses.STORAGE_DOC_LIST, new UserIdRequest(who.userId()).toJson(), who)
        .map(r -> new JsonArray(DocSummary.listFromJson(r).stream().map(d -> (Object) d.toJson()).toList()))
        .onSuccess(list -> Requests.json(ctx, 200, list))
        .onFailure(ctx::fail);
  }

  private void create(RoutingContext ctx) {
    Identity who = Requests.identity(ctx);
    String title = title(Requests.jsonBody(ctx), false);
    Requests.request(bus, Addresses.STORAGE_DOC_CREATE, new DocCreateRequest(who.userId(), title).toJson(), who)
        .map(DocRecord::fromJson)
        .onSuccess(d -> Requests.json(ctx, 201, new JsonObject().put("id", d.id()).put("title", d.title())))
        .onFailure(ctx::fail);
  }

  private void get(RoutingContext ctx) {
    Identity who = Requests.identity(ctx);
    String docId = ctx.pathParam("id");
    requireRole(docId, who, Role.VIEWER)
        .compose(role -> Requests.request(bus, Addresses.STORAGE_DOC_GET, new DocIdRequest(docId).toJson(), who)
            .map(DocRecord::fromJson)
            .map(d -> new JsonObject().put("id", d.id()).put("title", d.title()).put("role", role.wire())
                .put("rev", d.headRev())))
        .onSuccess(d -> Requests.json(ctx, 200, d))
        .onFailure(ctx::fail);
  }

  private void rename(RoutingContext ctx) {
    Identity who = Requests.identity(ctx);
    String docId = ctx.pathParam("id");
    String title = title(Requests.jsonBody(ctx), true);
    requireRole(docId, who, Role.EDITOR)
        .compose(role -> Requests.request(bus, Addresses.STORAGE_DOC_RENAME, new DocRenameRequest(docId, title).toJson(), who))
        .onSuccess(r -> Requests.json(ctx, 200, new JsonObject().put("id", docId).put("title", title)))
        .onFailure(ctx::fail);
  }

  /** Deletes the document, then tells every node that its former members lost their role. */
  private void delete(RoutingContext ctx) {
    Identity who = Requests.identity(ctx);
    String docId = ctx.pathParam("id");
    requireRole(docId, who, Role.OWNER)
        .compose(role -> Requests.request(bus, Addresses.STORAGE_MEMBER_LIST, new DocIdRequest(docId).toJson(), who))
        .compose(members -> Requests.request(bus, Addresses.STORAGE_DOC_DELETE, new DocIdRequest(docId).toJson(), who)
            .onSuccess(ignored -> Member.listFromJson(members).forEach(m -> bus.publish(
                Addresses.AUTH_ROLE_CHANGED, new RoleChanged(docId, m.userId(), null).toJson()))))
        .onSuccess(r -> Requests.noContent(ctx))
        .onFailure(ctx::fail);
  }

  /**
   * The document as HTML, Markdown or text, from storage's committed state (snapshot + later ops):
   * every acknowledged edit is in it, and exporting never loads the document on a sequencer.
   * Composing and rendering run on a worker. The HTML is also served with a CSP that forbids script.
   */
  private void export(RoutingContext ctx) {
    Identity who = Requests.identity(ctx);
    String docId = ctx.pathParam("id");
    DocExport.Format format = DocExport.Format.of(ctx.queryParams().get("format"));
    requireRole(docId, who, Role.VIEWER)
        .compose(role -> Requests.request(bus, Addresses.STORAGE_DOC_LOAD, new DocIdRequest(docId).toJson(), who))
        .map(LoadResult::fromJson)
        .compose(loaded -> vertx.executeBlocking(() -> {
          Delta doc = loaded.snapshot() == null ? Delta.EMPTY : DeltaJson.fromJson(loaded.snapshot().content());
          for (OpRecord op : loaded.ops()) {
            doc = doc.compose(DeltaJson.fromJson(op.ops()));
          }
          return DocExport.render(doc, loaded.title(), format);
        }, false).map(body -> {
          ctx.response()
              .putHeader(HttpHeaders.CONTENT_TYPE, format.contentType())
              .putHeader("Content-Disposition", "attachment; filename=\"" + DocExport.fileName(loaded.title(), format) + "\"")
              .putHeader("Content-Security-Policy", "default-src 'none'; img-src http: https: data:; sandbox")
              .putHeader("X-Content-Type-Options", "nosniff");
          return body;
        }))
        .onSuccess(body -> ctx.response().setStatusCode(200).end(body))
        .onFailure(ctx::fail);
  }

  private void members(RoutingContext ctx) {
    Identity who = Requests.identity(ctx);
    String docId = checkedDocId(ctx);
    Requests.request(bus, Addresses.AUTH_MEMBER_LIST, new DocIdRequest(docId).toJson(), who)
        .map(r -> {
          JsonArray out = new JsonArray();
          for (Member m : Member.listFromJson(r)) {
            out.add(new JsonObject().put("username", m.username()).put("displayName", m.displayName())
                .put("role", m.role().wire()));
          }
          return out;
        })
        .onSuccess(list -> Requests.json(ctx, 200, list))
        .onFailure(ctx::fail);
  }

  private void putMember(RoutingContext ctx) {
    Identity who = Requests.identity(ctx);
    String docId = checkedDocId(ctx);
    Role role = Role.of(Requests.string(Requests.jsonBody(ctx), "role", true));
    Requests.request(bus, Addresses.AUTH_MEMBER_PUT, new MemberChange(docId, ctx.pathParam("username"), role).toJson(), who)
        .onSuccess(r -> Requests.json(ctx, 200, r))
        .onFailure(ctx::fail);
  }

  private void removeMember(RoutingContext ctx) {
    Identity who = Requests.identity(ctx);
    String docId = checkedDocId(ctx);
    Requests.request(bus, Addresses.AUTH_MEMBER_REMOVE, new MemberChange(docId, ctx.pathParam("username"), null).toJson(), who)
        .onSuccess(r -> Requests.noContent(ctx))
        .onFailure(ctx::fail);
  }

  /** The caller's role if at least {@code needed}; NOT_FOUND for non-members, FORBIDDEN for too weak a role. */
  private Future<Role> requireRole(String docId, Identity who, Role needed) {
    if (!Addresses.isDocId(docId)) {
      return Future.failedFuture(ErrorCode.NOT_FOUND.exception());
    }
    return Requests.request(bus, Addresses.AUTH_ROLE, new MemberRequest(docId, who.userId(), null).toJson(), who)
        .map(r -> {
          Role role = Role.ofWireOrNone(r.getString("role"));
          if (role == null) {
            throw ErrorCode.NOT_FOUND.exception();
          }
          return Role.require(role, needed);
        });
  }

  private static String checkedDocId(RoutingContext ctx) {
    String docId = ctx.pathParam("id");
    if (!Addresses.isDocId(docId)) {
      throw ErrorCode.NOT_FOUND.exception();
    }
    return docId;
  }

  /** A title of 1..200 UTF-16 units (storage's limit) without control characters; "Untitled" when optional and absent. */
  static String title(JsonObject body, boolean required) {
    String title = Requests.string(body, "title", required);
    if (title == null) {
      return "Untitled";
    }
    String t = title.strip();
    if (t.isEmpty() || t.length() > DocRecord.MAX_TITLE || t.codePoints().anyMatch(Character::isISOControl)) {
      throw ErrorCode.BAD_REQUEST.exception("title must be 1..200 characters without control characters");
    }
    return t;
  }
}
