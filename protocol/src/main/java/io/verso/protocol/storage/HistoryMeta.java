package io.verso.protocol.storage;

import io.verso.protocol.Fields;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reply of {@code STORAGE_HISTORY_META}: {@code {"ops":[{"rev","userId","ts","name"?,"restoredFrom"?}]}}
 * newest first, never an op's delta; {@code name} is the named version at that rev (null when none),
 * {@code restoredFrom} the revision the op restored when it is a restore (null otherwise). At most
 * {@link #MAX_BYTES} of entries (always at least one): a shorter answer than the limit asked is not
 * the start of the log, only an empty one is.
 */
public record HistoryMeta(List<Entry> ops) {
  /** Worst case without it: 4096 entries × (128-char user id + 100-char name) ≈ 3 MB. */
  public static final int MAX_BYTES = 512 * 1024;

  public HistoryMeta {
    ops = List.copyOf(ops);
  }

  public record Entry(long rev, String userId, long ts, String name, Long restoredFrom) {
    public Entry(long rev, String userId, long ts, String name) {
      this(rev, userId, ts, name, null);
    }

    public JsonObject toJson() {
      JsonObject json = new JsonObject().put("rev", rev).put("userId", userId).put("ts", ts);
      if (restoredFrom != null) {
        json.put("restoredFrom", restoredFrom);
      }
      return name == null ? json : json.put("name", name);
    }

    public static Entry fromJson(JsonObject json) {
      long rev = Fields.integer(json, "rev", 1, Long.MAX_VALUE);
      return new Entry(rev, Fields.string(json, "userId", OpRecord.MAX_ID_LENGTH),
          Fields.integer(json, "ts", 0, Long.MAX_VALUE),
          json.getValue("name") == null ? null : VersionPutRequest.name(json), restoredFromJson(json, rev));
    }

    /** An upper bound of its JSON's bytes. */
    int bytes() {
      return 96 + utf8(userId) + (name == null ? 0 : utf8(name));
    }
  }

  /** The first entries of {@code ops} that fit {@link #MAX_BYTES} (the first always). */
  public static HistoryMeta capped(List<Entry> ops) {
    long bytes = 0;
    int n = 0;
    while (n < ops.size() && (n == 0 || bytes + ops.get(n).bytes() <= MAX_BYTES)) {
      bytes += ops.get(n++).bytes();
    }
    return new HistoryMeta(ops.subList(0, n));
  }

  public JsonObject toJson() {
    JsonArray a = new JsonArray(new ArrayList<>(ops.size()));
    ops.forEach(e -> a.add(e.toJson()));
    return new JsonObject().put("ops", a);
  }

  public static HistoryMeta fromJson(JsonObject json) {
    JsonArray a = Fields.array(json, "ops");
    List<Entry> list = new ArrayList<>(a.size());
    for (int i = 0; i < a.size(); i++) {
      list.add(Entry.fromJson(Fields.element(a, i, "ops")));
    }
    return new HistoryMeta(list);
  }

  /** The optional {@code restoredFrom} of an op or entry at {@code rev}: an earlier revision, or null when absent. */
  static Long restoredFromJson(JsonObject json, long rev) {
    return json.getValue("restoredFrom") == null ? null : Fields.integer(json, "restoredFrom", 0, rev - 1);
  }

  static int utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8).length;
  }
}
