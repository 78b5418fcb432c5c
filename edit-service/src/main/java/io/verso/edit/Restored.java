package io.verso.edit;

import io.verso.delta.Authorship;
import io.verso.delta.Document;
import io.verso.protocol.DeltaJson;
import io.verso.protocol.doc.OpEvent;
import io.verso.runtime.DocumentRebuilder;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A document as storage has it, rebuilt for a sequencer: the content at the head (latest snapshot
 * plus the ops after it, by {@link DocumentRebuilder}, which the export shares), the recent ops for
 * the window (older ones fetched when the snapshot is recent), the client marks, and who wrote what
 * (the snapshot's runs, or unknown before them, then the ops by their authors; null when
 * {@link EditConfig#authorship} is off).
 */
record Restored(Document doc, List<OpWindow.Entry> recent, long headRev, long snapshotRev, String title,
    Map<String, DocStore.ClientMark> clients, Authorship authorship) {
  static Future<Restored> of(DocStore.Loaded loaded, String docId, DocStore store, EditConfig config) {
    DocumentRebuilder rebuilt = new DocumentRebuilder(docId, loaded.snapshot(), loaded.snapshotRev());
    if (config.authorship()) {
      rebuilt.withAuthorship(loaded.authorship());
    }
    List<OpWindow.Entry> tail = new ArrayList<>(loaded.ops().size());
    for (OpEvent e : loaded.ops()) {
      tail.add(OpWindow.Entry.of(e, rebuilt.apply(e.rev(), e.ops(), e.userId())));
    }
    Document d = rebuilt.document();
    long head = rebuilt.rev();
    Future<List<OpWindow.Entry>> older = Future.succeededFuture(List.of());
    long wantFrom = Math.max(0, head - config.window());
    if (tail.size() < config.window() && loaded.snapshotRev() > wantFrom) {
      older = store.range(docId, wantFrom, loaded.snapshotRev(), config.window(), config.windowBytes())
          .map(list -> list.stream().map(e -> OpWindow.Entry.of(e, DeltaJson.fromJson(e.ops()))).toList());
    }
    return older.map(prefix -> {
      List<OpWindow.Entry> recent = new ArrayList<>(prefix);
      recent.addAll(tail);
      return new Restored(d, recent, head, loaded.snapshotRev(), loaded.title(), loaded.clients(),
          rebuilt.authorship());
    });
  }
}
