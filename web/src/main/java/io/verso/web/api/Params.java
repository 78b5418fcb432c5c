package io.verso.web.api;

import io.verso.protocol.Addresses;
import io.verso.protocol.ErrorCode;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.List;

/**
 * Strict parsing of path, query and body parameters: anything but the expected shape is a
 * BAD_REQUEST with a message naming the parameter, never a NumberFormatException's 500. Ranges that
 * depend on the document (a revision beyond head, a limit's bounds) are the service's to check.
 */
final class Params {
  /** Eighteen digits always fit a long; longer is no revision anyone has. */
  private static final int MAX_DIGITS = 18;

  private Params() {}

  /** The path's document id; NOT_FOUND for one that cannot exist (as an unknown one). */
  static String docId(RoutingContext ctx) {
    String docId = ctx.pathParam("id");
    if (!Addresses.isDocId(docId)) {
      throw ErrorCode.NOT_FOUND.exception();
    }
    return docId;
  }

  /** A query parameter given at most once; null when absent. */
  static String query(RoutingContext ctx, String name) {
    List<String> all = ctx.queryParams().getAll(name);
    if (all.isEmpty()) {
      return null;
    }
    if (all.size() > 1) {
      throw ErrorCode.BAD_REQUEST.exception(name + " is given more than once");
    }
    return all.get(0);
  }

  /** A required query parameter. */
  static String requiredQuery(RoutingContext ctx, String name) {
    String v = query(ctx, name);
    if (v == null) {
      throw ErrorCode.BAD_REQUEST.exception(name + " is required");
    }
    return v;
  }

  /** A non-negative integer written in decimal digits only (no sign, no spaces, no exponent). */
  static long natural(String raw, String name) {
    if (raw == null || raw.isEmpty() || raw.length() > MAX_DIGITS) {
      throw notNatural(name);
    }
    long v = 0;
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c < '0' || c > '9') {
        throw notNatural(name);
      }
      v = v * 10 + (c - '0');
    }
    return v;
  }

  /** {@code true} or {@code false}, exactly. */
  static boolean bool(String raw, String name) {
    if ("true".equals(raw)) {
      return true;
    }
    if ("false".equals(raw)) {
      return false;
    }
    throw ErrorCode.BAD_REQUEST.exception(name + " must be true or false");
  }

  /** A required non-negative integer field of a JSON body (1.0, "1" and 1e0 are not integers here). */
  static long natural(JsonObject body, String field) {
    Object v = body.getValue(field);
    if (v == null) {
      throw ErrorCode.BAD_REQUEST.exception(field + " is required");
    }
    if (!(v instanceof Integer || v instanceof Long) || ((Number) v).longValue() < 0) {
      throw notNatural(field);
    }
    return ((Number) v).longValue();
  }

  private static RuntimeException notNatural(String name) {
    return ErrorCode.BAD_REQUEST.exception(name + " must be a non-negative integer");
  }
}
