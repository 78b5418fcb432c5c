package io.verso.web.api;

import io.verso.protocol.Addresses;
import io.verso.protocol.Role;
import io.verso.protocol.auth.MemberChange;
import io.verso.protocol.storage.DocIdRequest;
import io.verso.protocol.storage.DocRecord;
import io.verso.protocol.storage.DocSummary;
import io.verso.protocol.storage.Member;
import io.verso.web.auth.Identity;
import io.vertx.core.Handler;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code /api/docs...}: documents and their members over HTTP. An adapter: each route parses its
 * HTTP input, asks the documents service ({@code verso.docs.*}) or auth-service's members
 * ({@code verso.auth.member.*}) once on behalf of the verified user, and maps the answer to HTTP.
 * Who may do what, titles, storage and the events a change publishes are theirs (docs/auth.md).
 * The export is {@link ExportApi}'s.
 */
public final class DocsApi {
  private final EventBus bus;

  public DocsApi(EventBus bus) {
    this.bus = bus;
  }

  public void mount(Router router, Handler<RoutingContext> authenticated) {
    router.get("/api/docs").handler(authenticated).handler(this::list);
    router.post("/api/docs").handler(authenticated).handler(this::create);
    router.get("/api/docs/:id").handler(authenticated).handler(this::get);
    router.patch("/api/docs/:id").handler(authenticated).handler(this::rename);
    router.delete("/api/docs/:id").handler(authenticated).handler(this::delete); // to the trash (TrashApi)
    router.get("/api/docs/:id/members").handler(authenticated).handler(this::members);
    router.put("/api/docs/:id/members/:username").handler(authenticated).handler(this::putMember);
    router.delete("/api/docs/:id/members/:username").handler(authenticated).handler(this::removeMember);
  }

  private void list(RoutingContext ctx) {
    Identity who = Requests.identity(ctx);
    Requests.request(bus, Addresses.DOCS_LIST, DocListParams.of(ctx), who)
        .map(r -> new JsonArray(DocSummary.listFromJson(r).stream().map(d -> (Object) d.toJson()).toList()))
        .onSuccess(list -> Requests.json(ctx, 200, list))
        .onFailure(ctx::fail);
  }

  private void create(RoutingContext ctx) {
    JsonObject body = new JsonObject().put("title", Requests.jsonBody(ctx).getValue("title"));
    titled(ctx, Addresses.DOCS_CREATE, body, 201);
  }

  /** Create and rename: the documents service answers the record, the client gets its id and title. */
  private void titled(RoutingContext ctx, String address, JsonObject body, int status) {
    Requests.request(bus, address, body, Requests.identity(ctx))
        .map(DocRecord::fromJson)
        .onSuccess(d -> Requests.json(ctx, status, new JsonObject().put("id", d.id()).put("title", d.title())))
        .onFailure(ctx::fail);
  }

  private void get(RoutingContext ctx) {
    Identity who = Requests.identity(ctx);
    Requests.request(bus, Addresses.DOCS_GET, new DocIdRequest(ctx.pathParam("id")).toJson(), who)
        .map(r -> {
          DocRecord d = DocRecord.fromJson(r);
          return new JsonObject().put("id", d.id()).put("title", d.title()).put("role", r.getString("role"))
              .put("rev", d.headRev());
        })
        .onSuccess(d -> Requests.json(ctx, 200, d))
        .onFailure(ctx::fail);
  }

  private void rename(RoutingContext ctx) {
    JsonObject body = new DocIdRequest(ctx.pathParam("id")).toJson().put("title", Requests.jsonBody(ctx).getValue("title"));
    titled(ctx, Addresses.DOCS_RENAME, body, 200);
  }

  private void delete(RoutingContext ctx) {
    Identity who = Requests.identity(ctx);
    Requests.request(bus, Addresses.DOCS_DELETE, new DocIdRequest(ctx.pathParam("id")).toJson(), who)
        .onSuccess(r -> Requests.noContent(ctx))
        .onFailure(ctx::fail);
  }

  private void members(RoutingContext ctx) {
    Identity who = Requests.identity(ctx);
    String docId = Params.docId(ctx);
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
    String docId = Params.docId(ctx);
    Role role = Role.of(Requests.string(Requests.jsonBody(ctx), "role", true));
    Requests.request(bus, Addresses.AUTH_MEMBER_PUT, new MemberChange(docId, ctx.pathParam("username"), role).toJson(), who)
        .onSuccess(r -> Requests.json(ctx, 200, r))
        .onFailure(ctx::fail);
  }

  private void removeMember(RoutingContext ctx) {
    Identity who = Requests.identity(ctx);
    String docId = Params.docId(ctx);
    Requests.request(bus, Addresses.AUTH_MEMBER_REMOVE, new MemberChange(docId, ctx.pathParam("username"), null).toJson(), who)
        .onSuccess(r -> Requests.noContent(ctx))
        .onFailure(ctx::fail);
  }
}
