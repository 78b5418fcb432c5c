package io.verso.runtime;

import io.verso.delta.Authorship;
import io.verso.delta.Delta;
import io.verso.delta.Document;
import io.verso.protocol.DeltaJson;
import io.verso.protocol.ErrorCode;
import io.verso.protocol.storage.LoadResult;
import io.verso.protocol.storage.OpRecord;
import io.vertx.core.json.JsonArray;

/**
 * The one way a document is rebuilt from storage: its latest snapshot (a new document's content,
 * one newline, when it has none) with the committed ops after it applied in revision order. The
 * sequencer installs what this builds when it activates a document; the documents service exports
 * it. Both must see the same document: an op composed onto anything but the sequencer's base (say,
 * an empty delta instead of the newline) loses the formatting of the last line.
 *
 * <p>On request ({@link #withAuthorship}) it rebuilds who wrote what too: the snapshot's runs, or
 * the whole snapshot as written by nobody known (null) when it has none (saved before authorship
 * was kept) or they do not cover it — attribution never keeps a document from opening — then each
 * op by its author.
 *
 * <p>Ops must follow on from the snapshot without a gap (INTERNAL otherwise: storage's log is
 * broken, and a document rebuilt from it would be wrong); each is parsed by {@link DeltaJson}'s gate
 * and must fit the document. CPU work proportional to the document: callers on an event loop run it
 * on a worker unless the document is known to be small.
 */
public final class DocumentRebuilder {
  /** A new document's content (Quill's empty document): one newline. */
  public static final Delta EMPTY_DOCUMENT = Delta.builder().insert("\n").build();

  private final String docId;
  private final Document document;
  private Authorship authorship;
  private long rev;

  /**
   * @param snapshot    content at {@code snapshotRev}, or null when there is no snapshot (rev 0)
   */
  public DocumentRebuilder(String docId, JsonArray snapshot, long snapshotRev) {
    this.docId = docId;
    this.document = new Document(snapshot == null ? EMPTY_DOCUMENT : DeltaJson.fromJson(snapshot));
    this.rev = snapshotRev;
  }

  /**
   * Keeps authorship from now on, starting from the snapshot's stored {@code runs} (null: none).
   * Call before the first {@link #apply}.
   */
  public DocumentRebuilder withAuthorship(JsonArray runs) {
    authorship = Authorship.of(document, null);
    if (runs != null) {
      try {
        Authorship stored = Authorship.fromRuns(AuthorshipRuns.fromJson(runs));
        if (stored.length() == document.length()) {
          authorship = stored;
        }
      } catch (RuntimeException malformed) {
        // stays unknown: a broken record of who wrote what must not keep the document closed
      }
    }
    return this;
  }

  /** Storage's load result rebuilt to its head. */
  public static Document rebuild(LoadResult loaded) {
    DocumentRebuilder r = new DocumentRebuilder(loaded.docId(),
        loaded.snapshot() == null ? null : loaded.snapshot().content(),
        loaded.snapshot() == null ? 0 : loaded.snapshot().rev());
    for (OpRecord op : loaded.ops()) {
      r.apply(op.rev(), op.ops());
    }
    return r.document();
  }

  /** Applies the op committed at {@code opRev}, which must be the next revision; returns it parsed. */
  public Delta apply(long opRev, JsonArray ops) {
    return apply(opRev, ops, null);
  }

  /** {@link #apply(long, JsonArray)} of an op by {@code userId}, for the authorship when kept. */
  public Delta apply(long opRev, JsonArray ops, String userId) {
    if (opRev != rev + 1) {
      throw ErrorCode.INTERNAL.exception("op log of " + docId + " has a gap at rev " + (rev + 1));
    }
    Delta delta = DeltaJson.fromJson(ops);
    document.apply(delta);
    if (authorship != null) {
      authorship.apply(delta, userId);
    }
    rev = opRev;
    return delta;
  }

  /** Who wrote the document so far (live), or null when not asked for ({@link #withAuthorship}). */
  public Authorship authorship() {
    return authorship;
  }

  /** The document so far (live: later {@link #apply} calls change it). */
  public Document document() {
    return document;
  }

  /** The revision of the document so far. */
  public long rev() {
    return rev;
  }
}
