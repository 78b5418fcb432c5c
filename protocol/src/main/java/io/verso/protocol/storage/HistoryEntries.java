package io.verso.protocol.storage;

import io.verso.delta.HistorySessions.Entry;
import io.verso.delta.HistorySessions.OpMeta;
import io.verso.protocol.Fields;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * Reply of {@code STORAGE_HISTORY_ENTRIES}: {@code {"entries":[{"fromRev","toRev","startTs","endTs","ops",
 * "authors":[userId…],"name"?,"restoredFrom"?}],"more"}} newest first, whole entries ({@code restoredFrom}:
 * the revision a restore's entry restored, absent otherwise, also in cached blocks stored before it existed); {@code more}: older ones exist
 * (ask before the last fromRev). Sizes are not kept ({@link OpMeta#UNKNOWN}). At most
 * {@link #MAX_BYTES} of entries (always one): a page cut by it has {@code more} true.
 */
public record HistoryEntries(List<Entry> entries, boolean more) {
  /** Worst case without it: 100 entries × 1000 authors × 128-char ids ≈ 13 MB. */
  public static final int MAX_BYTES = 512 * 1024;

  public HistoryEntries {
    entries = List.copyOf(entries);
  }

  /** The first entries that fit {@link #MAX_BYTES} (the first always); cut ones make {@code more} true. */
  public static HistoryEntries capped(List<Entry> entries, boolean more) {
    long bytes = 0;
    int n = 0;
    while (n < entries.size() && (n == 0 || bytes + bytes(entries.get(n)) <= MAX_BYTES)) {
      bytes += bytes(entries.get(n++));
    }
    return new HistoryEntries(entries.subList(0, n), more || n < entries.size());
  }

  /** An upper bound of an entry's JSON bytes. */
  static long bytes(Entry e) {
    long b = 192 + (e.name() == null ? 0 : HistoryMeta.utf8(e.name()));
    for (String a : e.authors()) {
      b += 4 + HistoryMeta.utf8(a);
    }
    return b;
  }

  public static JsonObject entryToJson(Entry e) {
    JsonObject json = new JsonObject().put("fromRev", e.fromRev()).put("toRev", e.toRev()).put("startTs", e.startTs())
        .put("endTs", e.endTs()).put("ops", e.ops()).put("authors", new JsonArray(new ArrayList<>(e.authors())));
    if (e.restoredFrom() != null) {
      json.put("restoredFrom", e.restoredFrom());
    }
    return e.name() == null ? json : json.put("name", e.name());
  }

  public static Entry entryFromJson(JsonObject json) {
    long from = Fields.integer(json, "fromRev", 1, Long.MAX_VALUE);
    long to = Fields.integer(json, "toRev", from, Long.MAX_VALUE);
    JsonArray a = Fields.array(json, "authors");
    List<String> authors = new ArrayList<>(a.size());
    for (int i = 0; i < a.size(); i++) {
      if (!(a.getValue(i) instanceof String s) || s.isEmpty() || s.length() > OpRecord.MAX_ID_LENGTH) {
        throw Fields.bad("authors[" + i + "] must be a user id");
      }
      authors.add(s);
    }
    return new Entry(from, to, Fields.integer(json, "startTs", 0, Long.MAX_VALUE),
        Fields.integer(json, "endTs", 0, Long.MAX_VALUE), authors, Fields.integer(json, "ops", 1, to - from + 1),
        OpMeta.UNKNOWN, OpMeta.UNKNOWN, json.getValue("name") == null ? null : VersionPutRequest.name(json),
        HistoryMeta.restoredFromJson(json, from));
  }

  /** Entries as a JSON array (also the form storage caches a block's entries in). */
  public static JsonArray entriesToJson(List<Entry> entries) {
    JsonArray a = new JsonArray(new ArrayList<>(entries.size()));
    entries.forEach(e -> a.add(entryToJson(e)));
    return a;
  }

  public static List<Entry> entriesFromJson(JsonArray a) {
    List<Entry> list = new ArrayList<>(a.size());
    for (int i = 0; i < a.size(); i++) {
      list.add(entryFromJson(Fields.element(a, i, "entries")));
    }
    return list;
  }

  public JsonObject toJson() {
    return new JsonObject().put("entries", entriesToJson(entries)).put("more", more);
  }

  public static HistoryEntries fromJson(JsonObject json) {
    if (!(json.getValue("more") instanceof Boolean more)) {
      throw Fields.bad("more must be a boolean");
    }
    return new HistoryEntries(entriesFromJson(Fields.array(json, "entries")), more);
  }
}
