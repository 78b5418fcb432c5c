package io.verso.history;

import io.verso.delta.HistorySessions.OpMeta;
import io.verso.history.wire.VersionPut;
import io.verso.protocol.Addresses;
import io.verso.protocol.Fields;
import io.verso.protocol.storage.OpRecord;
import io.verso.protocol.storage.OpsResult;
import io.verso.protocol.storage.RangeRequest;
import io.verso.protocol.storage.UserGetRequest;
import io.verso.protocol.storage.UserRecord;
import io.verso.runtime.Bus;
import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/** What history reads and writes in storage-service: the one place that knows its history addresses. */
final class HistoryStore {
  static final String META = "verso.storage.history.meta";
  static final String SNAPSHOT_AT = "verso.storage.snapshot.at";
  static final String VERSION_PUT = "verso.storage.version.put";
  static final String VERSION_DELETE = "verso.storage.version.delete";
  static final String VERSION_LIST = "verso.storage.version.list";
  /** Most op metadata one read returns (storage's cap). */
  static final int MAX_META = 4096;
  /** A replay reads the log in pieces of at most this many bytes of JSON (plus one op). */
  static final long RANGE_BYTES = 4L << 20;

  /** The latest stored snapshot at or before a revision: {@code content} null at rev 0 (the empty document). */
  record SnapshotAt(long rev, JsonArray content) {}

  /** A named version: its revision, name, who named it, and that revision's op time. */
  record Version(long rev, String name, String userId, long ts) {}

  private final EventBus bus;

  HistoryStore(EventBus bus) {
    this.bus = bus;
  }

  /** Up to {@code limit} ops' metadata below {@code before}, newest first, with their version names. */
  Future<List<OpMeta>> meta(String docId, long before, int limit) {
    JsonObject req = new JsonObject().put("docId", docId).put("before", before).put("limit", limit);
    return Bus.request(bus, META, req).map(reply -> {
      JsonArray ops = Fields.array(reply, "ops");
      List<OpMeta> out = new ArrayList<>(ops.size());
      for (int i = 0; i < ops.size(); i++) {
        JsonObject o = Fields.element(ops, i, "ops");
        out.add(new OpMeta(Fields.integer(o, "rev", 1, Long.MAX_VALUE), Fields.string(o, "userId", OpRecord.MAX_ID_LENGTH),
            Fields.integer(o, "ts", 0, Long.MAX_VALUE), OpMeta.UNKNOWN, OpMeta.UNKNOWN,
            Fields.optString(o, "name", VersionPut.MAX_NAME)));
      }
      return out;
    });
  }

  Future<SnapshotAt> snapshotAt(String docId, long rev) {
    return Bus.request(bus, SNAPSHOT_AT, new JsonObject().put("docId", docId).put("rev", rev))
        .map(r -> new SnapshotAt(Fields.integer(r, "rev", 0, rev), r.getJsonArray("content")));
  }

  /** Ops after {@code fromRev} up to {@code toRev}, ascending: one read, possibly short (bytes cap). */
  Future<List<OpRecord>> range(String docId, long fromRev, long toRev) {
    int limit = (int) Math.min(RangeRequest.MAX_LIMIT, toRev - fromRev);
    return Bus.request(bus, Addresses.STORAGE_OPS_RANGE,
            new RangeRequest(docId, fromRev, toRev, limit, RANGE_BYTES).toJson())
        .map(r -> OpsResult.fromJson(r).ops());
  }

  Future<JsonObject> putVersion(VersionPut put, String userId) {
    return Bus.request(bus, VERSION_PUT, put.toJson().put("userId", userId));
  }

  Future<JsonObject> deleteVersion(String docId, long rev) {
    return Bus.request(bus, VERSION_DELETE, new JsonObject().put("docId", docId).put("rev", rev));
  }

  /** Up to {@code limit} (1..100) named versions below {@code before}, newest first. */
  Future<List<Version>> versions(String docId, long before, int limit) {
    JsonObject req = new JsonObject().put("docId", docId).put("before", before).put("limit", limit);
    return Bus.request(bus, VERSION_LIST, req).map(reply -> {
      JsonArray list = Fields.array(reply, "versions");
      List<Version> out = new ArrayList<>(list.size());
      for (int i = 0; i < list.size(); i++) {
        JsonObject v = Fields.element(list, i, "versions");
        out.add(new Version(Fields.integer(v, "rev", 1, Long.MAX_VALUE), Fields.string(v, "name", VersionPut.MAX_NAME),
            Fields.optString(v, "userId", OpRecord.MAX_ID_LENGTH), Fields.integer(v, "ts", 0, Long.MAX_VALUE)));
      }
      return out;
    });
  }

  /** A user's display name. */
  Future<String> displayName(String userId) {
    return Bus.request(bus, Addresses.STORAGE_USER_GET, UserGetRequest.byId(userId).toJson())
        .map(u -> UserRecord.fromJson(u).displayName());
  }
}
