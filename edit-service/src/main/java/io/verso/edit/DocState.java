package io.verso.edit;

import io.verso.delta.Authorship;
import io.verso.delta.Delta;
import io.verso.delta.Document;
import io.verso.delta.InvalidDeltaException;
import io.verso.protocol.DeltaJson;
import io.verso.protocol.ErrorCode;
import io.verso.protocol.doc.OpEvent;
import io.verso.protocol.doc.SubmitRequest;

/**
 * One document as its sequencer holds it, with no I/O: the committed document (what storage has:
 * served by {@code open}, snapshotted), the head document (every sequenced op applied: what a new
 * op is checked against), their revisions, the window of recent ops, the client marks, and who
 * wrote each character of the committed document (kept op by op at commit, snapshotted with it,
 * null when {@link EditConfig#authorship} is off). Every
 * method is synchronous and either changes nothing or changes all it says; the sequencer does the
 * waiting. Not thread-safe.
 */
final class DocState {
  final OpWindow window;
  final ClientMarks clients = new ClientMarks();
  private final OpPolicy policy;
  private final DocumentFit fit;
  private Document committed;
  private Authorship authorship;
  private Document head;
  private long committedRev;
  private long headRev;
  private String title;

  DocState(EditConfig config, String docId) {
    this.window = new OpWindow(config.window(), config.windowBytes());
    this.policy = new OpPolicy(config, docId);
    this.fit = new DocumentFit(config);
  }

  void install(Restored r) {
    window.reset(r.recent());
    committed = r.doc();
    authorship = r.authorship();
    head = r.doc().copy();
    title = r.title();
    committedRev = r.headRev();
    headRev = r.headRev();
    clients.reset(r.clients());
    window.trim(committedRev);
  }

  long committedRev() {
    return committedRev;
  }

  long headRev() {
    return headRev;
  }

  /** The committed content (null before the first install). */
  Document committed() {
    return committed;
  }

  /** Who wrote each character of {@link #committed} (null when not kept). */
  Authorship authorship() {
    return authorship;
  }

  String title() {
    return title;
  }

  void title(String t) {
    if (t != null) {
      title = t;
    }
  }

  /**
   * Validates a submit, transforms it over the ops after its base, applies it to head and gives it
   * the next revision; the user's client id is bound from now on. Refused with the protocol's codes
   * (409, 410, 413, 422), and then nothing changed. The result waits for its commit.
   */
  CommitQueue.Pending sequence(SubmitRequest req, String userId, long nowMillis) {
    if (req.baseRev() > headRev) {
      throw ErrorCode.REV_AHEAD.exception("baseRev " + req.baseRev() + " is ahead of the document (" + headRev + ")");
    }
    if (!window.reaches(req.baseRev(), headRev)) {
      throw ErrorCode.RESYNC_REQUIRED.exception("baseRev " + req.baseRev() + " is too old: reload");
    }
    Delta op = DeltaJson.fromJson(req.ops());
    policy.checkContent(op);
    fit.checkOp(op);
    op = window.transform(op, req.baseRev(), headRev);
    fit.checkApplies(op, head);
    head.apply(op);
    OpEvent event = new OpEvent(++headRev, DeltaJson.toJson(op), req.clientId(), req.seq(), userId, nowMillis);
    OpWindow.Entry entry = OpWindow.Entry.of(event, op);
    window.add(entry);
    clients.bind(req.clientId(), userId);
    return CommitQueue.Pending.of(entry, event);
  }

  /**
   * A sequenced op committed: the committed document and marks follow. False when it does not apply
   * to the committed document (cannot happen for a validated op; memory is then wrong and storage
   * right: reload).
   */
  boolean committed(OpWindow.Entry e) {
    boolean applied = true;
    try {
      committed.apply(e.delta());
      if (authorship != null) {
        authorship.apply(e.delta(), e.userId());
      }
    } catch (InvalidDeltaException ex) {
      applied = false;
    }
    committedRev = e.rev();
    clients.committed(e.clientId(), e.userId(), e.seq(), e.rev());
    return applied;
  }

  /** The commits are done for now: the window forgets what its bounds no longer hold. */
  void trim() {
    window.trim(committedRev);
  }

  /** Drops every sequenced-but-uncommitted op (their commit failed): head goes back to committed. */
  void forgetPending() {
    window.dropAfter(committedRev);
    headRev = committedRev;
    head = committed.copy();
  }
}
