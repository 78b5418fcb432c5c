package io.verso.web.api;

import io.verso.runtime.Bus;
import io.verso.protocol.Addresses;
import io.verso.protocol.ErrorCode;
import io.verso.protocol.auth.ShareLinkToken;
import io.verso.web.auth.Identity;
import io.vertx.core.Future;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RequestBody;
import io.vertx.ext.web.RoutingContext;

/** Helpers shared by the API routes: JSON bodies, typed fields, answers, event-bus calls. */
final class Requests {
  static final String IDENTITY = "verso.identity";
  /** The share-link token of the request ({@link ShareLinkToken#HTTP_HEADER}), or absent. */
  static final String LINK = "verso.link";

  private Requests() {}

  /** The JSON object body; BAD_REQUEST unless the content type is JSON and the body an object. */
  static JsonObject jsonBody(RoutingContext ctx) {
    String type = ctx.request().getHeader(HttpHeaders.CONTENT_TYPE);
    if (type == null || !type.trim().toLowerCase(java.util.Locale.ROOT).startsWith("application/json")) {
      throw ErrorCode.BAD_REQUEST.exception("Content-Type must be application/json");
    }
    RequestBody body = ctx.body();
    if (body == null || body.isEmpty()) {
      throw ErrorCode.BAD_REQUEST.exception("a JSON object body is required");
    }
    Object parsed;
    try {
      parsed = io.vertx.core.json.Json.decodeValue(body.buffer());
    } catch (DecodeException e) {
      throw ErrorCode.BAD_REQUEST.exception("malformed JSON");
    }
    if (!(parsed instanceof JsonObject obj)) {
      throw ErrorCode.BAD_REQUEST.exception("the body must be a JSON object");
    }
    return obj;
  }

  /** A string field; null when absent and not required; BAD_REQUEST when of another type. */
  static String string(JsonObject json, String field, boolean required) {
    Object v = json.getValue(field);
    if (v == null) {
      if (required) {
        throw ErrorCode.BAD_REQUEST.exception(field + " is required");
      }
      return null;
    }
    if (!(v instanceof String s)) {
      throw ErrorCode.BAD_REQUEST.exception(field + " must be a string");
    }
    return s;
  }

  static Identity identity(RoutingContext ctx) {
    return ctx.get(IDENTITY);
  }

  /** The share-link token the request came with, or null. */
  static String link(RoutingContext ctx) {
    return ctx.get(LINK);
  }

  /**
   * A request about a document on behalf of the verified user of {@code ctx}, with the share-link token
   * the HTTP request carried (if any) in {@link Addresses#HEADER_LINK}: the service counts its role.
   */
  static Future<JsonObject> requestAbout(RoutingContext ctx, EventBus bus, String address, JsonObject body) {
    return Bus.request(bus, address, body, withLink(asUser(identity(ctx)), link(ctx)));
  }

  static DeliveryOptions asUser(Identity as) {
    DeliveryOptions opts = new DeliveryOptions();
    if (as != null) {
      opts.addHeader(Addresses.HEADER_USER_ID, as.userId());
    }
    return opts;
  }

  static DeliveryOptions withLink(DeliveryOptions opts, String link) {
    if (link != null) {
      opts.addHeader(Addresses.HEADER_LINK, link);
    }
    return opts;
  }

  /** A request to an internal address on behalf of the verified user (stamped in the header). */
  static Future<JsonObject> request(EventBus bus, String address, JsonObject body, Identity as) {
    return Bus.request(bus, address, body, asUser(as));
  }

  static void json(RoutingContext ctx, int status, Object body) {
    ctx.response().setStatusCode(status)
        .putHeader(HttpHeaders.CONTENT_TYPE, "application/json; charset=utf-8")
        .end(io.vertx.core.json.Json.encode(body));
  }

  static void noContent(RoutingContext ctx) {
    ctx.response().setStatusCode(204).end();
  }
}
