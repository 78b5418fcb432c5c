package io.verso.runtime;

import io.verso.delta.Authorship;
import io.verso.protocol.Fields;
import io.verso.protocol.storage.OpRecord;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * Authorship runs as JSON, {@code [{"length","userId"|null}]}: how a snapshot stores them and how
 * the {@code authorship} document action answers. Storage keeps them opaque, like the content.
 */
public final class AuthorshipRuns {
  private AuthorshipRuns() {}

  public static JsonArray toJson(List<Authorship.Run> runs) {
    JsonArray a = new JsonArray(new ArrayList<>(runs.size()));
    for (Authorship.Run r : runs) {
      a.add(new JsonObject().put("length", r.length()).put("userId", r.userId()));
    }
    return a;
  }

  /** Each run a positive length and a user id or null (unknown); BAD_REQUEST otherwise. */
  public static List<Authorship.Run> fromJson(JsonArray a) {
    List<Authorship.Run> runs = new ArrayList<>(a.size());
    for (int i = 0; i < a.size(); i++) {
      JsonObject run = Fields.element(a, i, "authorship");
      runs.add(new Authorship.Run((int) Fields.integer(run, "length", 1, Integer.MAX_VALUE),
          Fields.optString(run, "userId", OpRecord.MAX_ID_LENGTH)));
    }
    return runs;
  }
}
