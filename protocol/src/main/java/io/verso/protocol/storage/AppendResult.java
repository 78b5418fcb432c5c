package io.verso.protocol.storage;

import io.verso.protocol.Fields;
import io.vertx.core.json.JsonObject;

/**
 * Reply of {@code STORAGE_OPS_APPEND}: {@code {"headRev":N}}, sent only after the commit. Failures:
 * CONFLICT (460) the first rev is not head + 1 (or a rev is taken); DUPLICATE (461) with message
 * {@code "rev=<original rev>"} (see {@link #duplicateRev}); NOT_FOUND; BAD_REQUEST; TOO_LARGE;
 * UNAVAILABLE (outcome unknown: retry with the same (clientId, seq), a committed op then answers DUPLICATE).
 */
public record AppendResult(long headRev) {
  public JsonObject toJson() {
    return new JsonObject().put("headRev", headRev);
  }

  public static AppendResult fromJson(JsonObject json) {
    return new AppendResult(Fields.integer(json, "headRev", 0, Long.MAX_VALUE));
  }

  /**
   * The original revision in the message of a DUPLICATE failure of an append ({@code "rev=<N>"}),
   * or -1 when the message is not of that form.
   */
  public static long duplicateRev(String failureMessage) {
    if (failureMessage == null || !failureMessage.startsWith("rev=")) {
      return -1;
    }
    try {
      return Long.parseLong(failureMessage.substring(4));
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
