package io.verso.web.api;

import io.verso.protocol.comments.CommentAction;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;

/**
 * {@code /api/docs/:id/comments...}: a document's comment threads over HTTP (docs/comments.md). An
 * adapter like {@link HistoryApi}: the user's role comes from the documents service, then the
 * request goes to the document's comment room on {@code doc.<id>} with the user's id, display name
 * and role stamped ({@link DocumentAsUser}). Fields are passed as sent — the room parses them
 * strictly and checks who may do what. Comment changes are the HTTP API's only (the bridge refuses
 * them): the name a comment carries is always the verified user's.
 */
public final class CommentsApi {
  /** The body fields each action takes; anything else in a body is not passed on. */
  private static final List<String> CREATE_FIELDS = List.of("rev", "index", "length", "text", "id");
  private static final List<String> REPLY_FIELDS = List.of("text", "id");

  private final DocumentAsUser documents;

  public CommentsApi(Vertx vertx) {
    this.documents = new DocumentAsUser(vertx);
  }

  public void mount(Router router, Handler<RoutingContext> authenticated) {
    router.get("/api/docs/:id/comments").handler(authenticated).handler(this::list);
    router.post("/api/docs/:id/comments").handler(authenticated).handler(this::create);
    router.post("/api/docs/:id/comments/:threadId/replies").handler(authenticated).handler(this::reply);
    router.patch("/api/docs/:id/comments/:threadId").handler(authenticated).handler(this::resolve);
    router.delete("/api/docs/:id/comments/:threadId").handler(authenticated).handler(this::deleteThread);
    router.patch("/api/docs/:id/comments/:threadId/:commentId").handler(authenticated).handler(this::edit);
    router.delete("/api/docs/:id/comments/:threadId/:commentId").handler(authenticated).handler(this::deleteComment);
  }

  private void list(RoutingContext ctx) {
    ask(ctx, CommentAction.LIST, new JsonObject())
        .onSuccess(r -> Requests.json(ctx, 200, r)).onFailure(ctx::fail);
  }

  private void create(RoutingContext ctx) {
    made(ctx, ask(ctx, CommentAction.CREATE, fields(Requests.jsonBody(ctx), CREATE_FIELDS)));
  }

  private void reply(RoutingContext ctx) {
    made(ctx, ask(ctx, CommentAction.REPLY, fields(Requests.jsonBody(ctx), REPLY_FIELDS).put("threadId", thread(ctx))));
  }

  private void resolve(RoutingContext ctx) {
    JsonObject body = new JsonObject().put("threadId", thread(ctx))
        .put("resolved", Requests.jsonBody(ctx).getValue("resolved"));
    threadAnswer(ctx, ask(ctx, CommentAction.RESOLVE, body));
  }

  private void edit(RoutingContext ctx) {
    JsonObject body = new JsonObject().put("threadId", thread(ctx)).put("commentId", ctx.pathParam("commentId"))
        .put("text", Requests.jsonBody(ctx).getValue("text"));
    threadAnswer(ctx, ask(ctx, CommentAction.EDIT, body));
  }

  private void deleteThread(RoutingContext ctx) {
    deleted(ctx, ask(ctx, CommentAction.DELETE, new JsonObject().put("threadId", thread(ctx))));
  }

  private void deleteComment(RoutingContext ctx) {
    deleted(ctx, ask(ctx, CommentAction.DELETE, new JsonObject().put("threadId", thread(ctx))
        .put("commentId", ctx.pathParam("commentId"))));
  }

  private static String thread(RoutingContext ctx) {
    return ctx.pathParam("threadId");
  }

  private static JsonObject fields(JsonObject sent, List<String> names) {
    JsonObject body = new JsonObject();
    for (String name : names) {
      if (sent.containsKey(name)) {
        body.put(name, sent.getValue(name));
      }
    }
    return body;
  }

  /** The user's role on the document (404 when not a member), then the action at its comment room. */
  private Future<JsonObject> ask(RoutingContext ctx, String action, JsonObject body) {
    String docId = Params.docId(ctx);
    return documents.headers(docId, Requests.identity(ctx), Requests.link(ctx))
        .compose(headers -> documents.request(docId, body.put("action", action), headers));
  }

  /** 201 and the thread when the request made it, 200 when it was already made (the same id again). */
  private static void made(RoutingContext ctx, Future<JsonObject> reply) {
    reply.onSuccess(r -> Requests.json(ctx, r.getBoolean("created", false) ? 201 : 200, r.getJsonObject("thread")))
        .onFailure(ctx::fail);
  }

  private static void threadAnswer(RoutingContext ctx, Future<JsonObject> reply) {
    reply.onSuccess(r -> Requests.json(ctx, 200, r.getJsonObject("thread"))).onFailure(ctx::fail);
  }

  private static void deleted(RoutingContext ctx, Future<JsonObject> reply) {
    reply.onSuccess(r -> Requests.noContent(ctx)).onFailure(ctx::fail);
  }
}
