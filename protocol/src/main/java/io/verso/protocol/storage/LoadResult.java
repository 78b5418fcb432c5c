package io.verso.protocol.storage;

import io.verso.protocol.Fields;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * Reply of {@code STORAGE_DOC_LOAD}: {@code {"docId","title","headRev","snapshot":{"rev","content"}|null,
 * "ops":[ops with rev > snapshot rev (all when no snapshot), ascending],"clients":[ClientSeq...]}}.
 */
public record LoadResult(String docId, String title, long headRev, Snapshot snapshot, List<OpRecord> ops,
    List<ClientSeq> clients) {
  public LoadResult {
    ops = List.copyOf(ops);
    clients = List.copyOf(clients);
  }

  public JsonObject toJson() {
    JsonArray cs = new JsonArray(new ArrayList<>(clients.size()));
    for (ClientSeq c : clients) {
      cs.add(c.toJson());
    }
    return new JsonObject()
        .put("docId", docId)
        .put("title", title)
        .put("headRev", headRev)
        .put("snapshot", snapshot == null ? null : snapshot.toJson())
        .put("ops", OpRecord.toJsonArray(ops))
        .put("clients", cs);
  }

  public static LoadResult fromJson(JsonObject json) {
    JsonObject snap = json.getValue("snapshot") == null ? null : Fields.object(json, "snapshot");
    JsonArray cs = Fields.array(json, "clients");
    List<ClientSeq> clients = new ArrayList<>(cs.size());
    for (int i = 0; i < cs.size(); i++) {
      clients.add(ClientSeq.fromJson(Fields.element(cs, i, "clients")));
    }
    return new LoadResult(
        Fields.docId(json, "docId"),
        Fields.string(json, "title", DocRecord.MAX_TITLE),
        Fields.integer(json, "headRev", 0, Long.MAX_VALUE),
        snap == null ? null : Snapshot.fromJson(snap),
        OpRecord.listFromJson(Fields.array(json, "ops"), "ops"),
        clients);
  }
}
