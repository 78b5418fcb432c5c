package io.verso.protocol.comments;

import io.verso.protocol.DeltaJson;
import io.verso.protocol.Fields;
import io.verso.protocol.storage.OpRecord;
import io.vertx.core.json.JsonObject;

/**
 * Strict readers shared by the comment storage requests. Storage trusts the room for the limits of
 * {@link CommentLimits} but refuses what it could not store as given: a lone UTF-16 surrogate has no
 * UTF-8 form and would be rewritten on its way into PostgreSQL.
 */
final class StoredFields {
  private StoredFields() {}

  static String threadId(JsonObject json) {
    return CommentLimits.id(json, "threadId");
  }

  static String userId(JsonObject json, String field) {
    return Fields.string(json, field, OpRecord.MAX_ID_LENGTH);
  }

  /** A comment's text as stored: 1..{@link CommentLimits#MAX_TEXT_CHARS} units, no NUL, well-formed. */
  static String text(JsonObject json, String field) {
    return wellFormed(field, Fields.string(json, field, CommentLimits.MAX_TEXT_CHARS));
  }

  /** A comment as {@link Comment#fromJson} read it, its name and text checked well-formed too. */
  static Comment storable(Comment c, String field) {
    wellFormed(field + ".name", c.name());
    wellFormed(field + ".text", c.text());
    return c;
  }

  /** A required JSON boolean (a string or a number is not one). */
  static boolean bool(JsonObject json, String field) {
    Object v = json.getValue(field);
    if (v == null) {
      throw Fields.bad(field + " is required");
    }
    if (!(v instanceof Boolean b)) {
      throw Fields.bad(field + " must be a boolean");
    }
    return b;
  }

  private static String wellFormed(String field, String s) {
    if (!DeltaJson.isWellFormed(s)) {
      throw Fields.bad(field + " must not contain a lone UTF-16 surrogate");
    }
    return s;
  }
}
