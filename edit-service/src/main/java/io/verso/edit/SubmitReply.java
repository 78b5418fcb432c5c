package io.verso.edit;

import io.vertx.core.json.JsonObject;

/**
 * The answer to a {@code submit}: {@code {"rev":N}} once committed, or {@code {"rev":N,"duplicate":true}}
 * for an already committed {@code (clientId, seq)} with the revision it got then.
 */
public record SubmitReply(long rev, boolean duplicate) {
  public static SubmitReply committed(long rev) {
    return new SubmitReply(rev, false);
  }

  public static SubmitReply duplicateOf(long rev) {
    return new SubmitReply(rev, true);
  }

  public JsonObject toJson() {
    JsonObject o = new JsonObject().put("rev", rev);
    return duplicate ? o.put("duplicate", true) : o;
  }
}
