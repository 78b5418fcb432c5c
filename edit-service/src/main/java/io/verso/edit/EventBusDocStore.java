package io.verso.edit;

import io.verso.protocol.Addresses;
import io.verso.protocol.Fields;
import io.verso.protocol.doc.OpEvent;
import io.vertx.core.Future;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** {@link DocStore} on storage-service, through the event bus (JSON at this edge only). */
final class EventBusDocStore implements DocStore {
  private final EventBus bus;
  private final DeliveryOptions options;

  EventBusDocStore(EventBus bus, long timeoutMs) {
    this.bus = bus;
    this.options = new DeliveryOptions().setSendTimeout(timeoutMs);
  }

  private Future<JsonObject> call(String address, JsonObject body) {
    return bus.<JsonObject>request(address, body, options).map(m -> m.body());
  }

  @Override
  public Future<Loaded> load(String docId) {
    return call(Addresses.STORAGE_DOC_LOAD, new JsonObject().put("docId", docId)).map(b -> {
      JsonObject snap = b.getJsonObject("snapshot");
      Map<String, ClientMark> clients = new HashMap<>();
      for (Object o : b.getJsonArray("clients", new JsonArray())) {
        JsonObject c = (JsonObject) o;
        clients.put(c.getString("clientId"), new ClientMark(c.getLong("seq"), c.getLong("rev")));
      }
      return new Loaded(b.getString("title"), b.getLong("headRev"),
          snap == null ? 0 : snap.getLong("rev"), snap == null ? null : snap.getJsonArray("content"),
          events(b.getJsonArray("ops")), clients);
    });
  }

  @Override
  public Future<Long> append(String docId, List<OpEvent> ops) {
    JsonArray records = new JsonArray();
    for (OpEvent e : ops) {
      JsonObject r = e.toJson();
      r.remove("type");
      records.add(r);
    }
    return call(Addresses.STORAGE_OPS_APPEND, new JsonObject().put("docId", docId).put("ops", records))
        .map(b -> b.getLong("headRev"));
  }

  @Override
  public Future<List<OpEvent>> range(String docId, long fromExclusive, long toInclusive, int limit) {
    JsonObject req = new JsonObject().put("docId", docId).put("fromRev", fromExclusive)
        .put("toRev", toInclusive).put("limit", Math.max(1, Math.min(limit, 10_000)));
    return call(Addresses.STORAGE_OPS_RANGE, req).map(b -> events(b.getJsonArray("ops")));
  }

  @Override
  public Future<Long> findRev(String docId, String clientId, long seq) {
    JsonObject req = new JsonObject().put("docId", docId).put("clientId", clientId).put("seq", seq);
    return call(Addresses.STORAGE_OPS_FIND, req).map(b -> b.getLong("rev"));
  }

  @Override
  public Future<Void> saveSnapshot(String docId, long rev, JsonArray content) {
    JsonObject req = new JsonObject().put("docId", docId).put("rev", rev).put("content", content);
    return call(Addresses.STORAGE_SNAPSHOT_SAVE, req).mapEmpty();
  }

  @Override
  public Future<String> title(String docId) {
    return call(Addresses.STORAGE_DOC_GET, new JsonObject().put("docId", docId)).map(b -> b.getString("title"));
  }

  private static List<OpEvent> events(JsonArray ops) {
    List<OpEvent> list = new ArrayList<>(ops == null ? 0 : ops.size());
    if (ops != null) {
      for (Object o : ops) {
        list.add(OpEvent.fromJson(Fields.object(o)));
      }
    }
    return list;
  }
}
