package io.verso.protocol.storage;

import io.verso.protocol.Fields;
import io.vertx.core.json.JsonObject;
import java.util.List;

/** Reply of {@code STORAGE_OPS_RANGE}: {@code {"ops":[OpRecord...]}} ascending by rev. */
public record OpsResult(List<OpRecord> ops) {
  public OpsResult {
    ops = List.copyOf(ops);
  }

  public JsonObject toJson() {
    return new JsonObject().put("ops", OpRecord.toJsonArray(ops));
  }

  public static OpsResult fromJson(JsonObject json) {
    return new OpsResult(OpRecord.listFromJson(Fields.array(json, "ops"), "ops"));
  }
}
