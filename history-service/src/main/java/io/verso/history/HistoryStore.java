package io.verso.history;

import io.verso.history.wire.VersionPut;
import io.verso.protocol.Addresses;
import io.verso.protocol.storage.DocRevRequest;
import io.verso.protocol.storage.HistoryEntries;
import io.verso.protocol.storage.HistoryEntriesRequest;
import io.verso.protocol.storage.NamedVersions;
import io.verso.protocol.storage.OpRecord;
import io.verso.protocol.storage.OpsResult;
import io.verso.protocol.storage.RangeRequest;
import io.verso.protocol.storage.SnapshotAt;
import io.verso.protocol.storage.UserGetRequest;
import io.verso.protocol.storage.UserRecord;
import io.verso.protocol.storage.VersionListRequest;
import io.verso.protocol.storage.VersionPutRequest;
import io.verso.runtime.Bus;
import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonObject;
import java.util.List;

/** What history reads and writes in storage-service, in history's terms. */
final class HistoryStore {
  /** A replay reads the log in pieces of at most this many bytes of JSON (plus one op). */
  static final long RANGE_BYTES = 4L << 20;

  private final EventBus bus;

  HistoryStore(EventBus bus) {
    this.bus = bus;
  }

  /**
   * Up to {@code limit} (1..100) whole history entries below {@code before}, newest first, grouped with
   * {@code gapMs} pauses (storage groups them as HistorySessions does, from its cache of blocks).
   */
  Future<HistoryEntries> entries(String docId, long before, int limit, long gapMs) {
    return Bus.request(bus, Addresses.STORAGE_HISTORY_ENTRIES,
        new HistoryEntriesRequest(docId, before, limit, gapMs).toJson()).map(HistoryEntries::fromJson);
  }

  /** The latest stored snapshot at or before {@code rev}: content null at rev 0 (the empty document). */
  Future<SnapshotAt> snapshotAt(String docId, long rev) {
    return Bus.request(bus, Addresses.STORAGE_SNAPSHOT_AT, new DocRevRequest(docId, rev).toJson()).map(SnapshotAt::fromJson);
  }

  /** Ops after {@code fromRev} up to {@code toRev}, ascending: one read, possibly short (bytes cap). */
  Future<List<OpRecord>> range(String docId, long fromRev, long toRev) {
    int limit = (int) Math.min(RangeRequest.MAX_LIMIT, toRev - fromRev);
    return Bus.request(bus, Addresses.STORAGE_OPS_RANGE,
            new RangeRequest(docId, fromRev, toRev, limit, RANGE_BYTES).toJson())
        .map(r -> OpsResult.fromJson(r).ops());
  }

  /** Names {@code put.rev()} as {@code userId}: {rev, name}. */
  Future<JsonObject> putVersion(VersionPut put, String userId) {
    return Bus.request(bus, Addresses.STORAGE_VERSION_PUT,
        new VersionPutRequest(put.docId(), put.rev(), put.name(), userId).toJson());
  }

  Future<JsonObject> deleteVersion(String docId, long rev) {
    return Bus.request(bus, Addresses.STORAGE_VERSION_DELETE, new DocRevRequest(docId, rev).toJson());
  }

  /** Up to {@code limit} (1..100) named versions below {@code before}, newest first. */
  Future<List<NamedVersions.Version>> versions(String docId, long before, int limit) {
    return Bus.request(bus, Addresses.STORAGE_VERSION_LIST, new VersionListRequest(docId, before, limit).toJson())
        .map(reply -> NamedVersions.fromJson(reply).versions());
  }

  /** A user's display name. */
  Future<String> displayName(String userId) {
    return Bus.request(bus, Addresses.STORAGE_USER_GET, UserGetRequest.byId(userId).toJson())
        .map(u -> UserRecord.fromJson(u).displayName());
  }
}
