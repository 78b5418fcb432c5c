package io.verso.edit;

import io.verso.delta.Delta;
import io.verso.delta.Document;
import io.verso.protocol.DeltaJson;
import io.verso.protocol.ErrorCode;
import io.verso.protocol.doc.OpEvent;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A document as storage has it, rebuilt for a sequencer: the content at the head (latest snapshot
 * plus the ops after it), the recent ops for the window (older ones fetched when the snapshot is
 * recent), and the client marks.
 */
record Restored(Document doc, List<OpWindow.Entry> recent, long headRev, long snapshotRev, String title,
    Map<String, DocStore.ClientMark> clients) {
  private static final Delta EMPTY_DOCUMENT = Delta.builder().insert("\n").build();

  static Future<Restored> of(DocStore.Loaded loaded, String docId, DocStore store, EditConfig config) {
    Document d = new Document(loaded.snapshot() == null ? EMPTY_DOCUMENT : DeltaJson.fromJson(loaded.snapshot()));
    List<OpWindow.Entry> tail = new ArrayList<>(loaded.ops().size());
    long expected = loaded.snapshotRev() + 1;
    for (OpEvent e : loaded.ops()) {
      if (e.rev() != expected) {
        return Future.failedFuture(ErrorCode.INTERNAL.exception("op log of " + docId + " has a gap at rev " + expected));
      }
      Delta delta = DeltaJson.fromJson(e.ops());
      d.apply(delta);
      tail.add(OpWindow.Entry.of(e, delta));
      expected++;
    }
    long head = expected - 1;
    Future<List<OpWindow.Entry>> older = Future.succeededFuture(List.of());
    long wantFrom = Math.max(0, head - config.window());
    if (tail.size() < config.window() && loaded.snapshotRev() > wantFrom) {
      older = store.range(docId, wantFrom, loaded.snapshotRev(), config.window(), config.windowBytes())
          .map(list -> list.stream().map(e -> OpWindow.Entry.of(e, DeltaJson.fromJson(e.ops()))).toList());
    }
    return older.map(prefix -> {
      List<OpWindow.Entry> recent = new ArrayList<>(prefix);
      recent.addAll(tail);
      return new Restored(d, recent, head, loaded.snapshotRev(), loaded.title(), loaded.clients());
    });
  }
}
