package io.verso.edit;

import io.verso.protocol.Addresses;
import io.verso.runtime.Bus;
import io.verso.runtime.SharedJson;
import io.verso.protocol.doc.OpEvent;
import io.verso.protocol.storage.AppendRequest;
import io.verso.protocol.storage.AppendResult;
import io.verso.protocol.storage.ClientSeq;
import io.verso.protocol.storage.DocIdRequest;
import io.verso.protocol.storage.DocRecord;
import io.verso.protocol.storage.FindRequest;
import io.verso.protocol.storage.LoadResult;
import io.verso.protocol.storage.OpsResult;
import io.verso.protocol.storage.RangeRequest;
import io.verso.protocol.storage.SnapshotSaveRequest;
import io.vertx.core.Future;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@link DocStore} on storage-service through the event bus; records converted at this edge.
 * Requests go to this node's storage-service when it runs one (no network hop, and every append of
 * a document reaches one group committer, so batches are larger), else to any node's.
 */
final class EventBusDocStore implements DocStore {
  private final EventBus bus;
  private final DeliveryOptions options;

  EventBusDocStore(EventBus bus, long timeoutMs) {
    this.bus = bus;
    SharedJson.register(bus);
    // every request body is built for its call, and storage only reads it: shared, not copied
    this.options = SharedJson.options(new DeliveryOptions().setSendTimeout(timeoutMs));
  }

  private Future<JsonObject> call(String address, JsonObject body) {
    return Bus.localFirst(bus, address, body, options);
  }

  @Override
  public Future<Loaded> load(String docId) {
    return call(Addresses.STORAGE_DOC_LOAD, new DocIdRequest(docId).toJson()).map(json -> {
      LoadResult r = LoadResult.fromJson(json);
      Map<String, ClientMark> clients = new HashMap<>();
      for (ClientSeq c : r.clients()) {
        clients.put(c.clientId(), new ClientMark(c.userId(), c.seq(), c.rev()));
      }
      return new Loaded(r.title(), r.headRev(), r.snapshot() == null ? 0 : r.snapshot().rev(),
          r.snapshot() == null ? null : r.snapshot().content(),
          r.ops().stream().map(OpEvent::of).toList(), clients,
          r.snapshot() == null ? null : r.snapshot().authorship());
    });
  }

  @Override
  public Future<Long> append(String docId, List<OpEvent> ops) {
    AppendRequest req = new AppendRequest(docId, ops.stream().map(OpEvent::toRecord).toList());
    return call(Addresses.STORAGE_OPS_APPEND, req.toJson()).map(json -> AppendResult.fromJson(json).headRev());
  }

  @Override
  public Future<List<OpEvent>> range(String docId, long fromExclusive, long toInclusive, int limit, long maxBytes) {
    RangeRequest req = new RangeRequest(docId, fromExclusive, toInclusive, Math.max(1, Math.min(limit, 10_000)),
        maxBytes == Long.MAX_VALUE ? null : maxBytes);
    return call(Addresses.STORAGE_OPS_RANGE, req.toJson())
        .map(json -> OpsResult.fromJson(json).ops().stream().map(OpEvent::of).toList());
  }

  @Override
  public Future<Long> findRev(String docId, String userId, String clientId, long seq) {
    return call(Addresses.STORAGE_OPS_FIND, new FindRequest(docId, userId, clientId, seq).toJson())
        .map(json -> json.getLong("rev"));
  }

  @Override
  public Future<Void> saveSnapshot(String docId, long rev, JsonArray content, JsonArray authorship) {
    return call(Addresses.STORAGE_SNAPSHOT_SAVE, new SnapshotSaveRequest(docId, rev, content, authorship).toJson())
        .mapEmpty();
  }

  @Override
  public Future<String> title(String docId) {
    return call(Addresses.STORAGE_DOC_GET, new DocIdRequest(docId).toJson())
        .map(json -> DocRecord.fromJson(json).title());
  }
}
