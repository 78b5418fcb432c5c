// Comment anchors on the page: the server's rules (io.verso.delta.Anchor, docs/comments.md) in
// JavaScript, and the anchors of a document's threads kept in server coordinates at the page's
// revision, moved through every committed op as the server moves them, shown in the editor's own
// coordinates through the page's unacknowledged edits. No DOM, no network: the OT client's recent
// ops and pending edits are injected (test/comment-anchors.test.mjs checks the rules against a
// per-character model, as the Java AnchorPropertyTest does).

/**
 * An anchor {index, length, detached} after one committed op (a quill-delta Delta): start without
 * priority, end with priority, so text typed at either edge lands outside and text typed strictly
 * inside grows it; detached, for good, when all of its text is gone; a point or a detached anchor
 * moves as a caret does.
 */
export function moveAnchor(anchor, delta) {
  if (anchor.detached || anchor.length === 0) {
    return { index: delta.transformPosition(anchor.index, false), length: 0, detached: anchor.detached };
  }
  const start = delta.transformPosition(anchor.index, false);
  const end = delta.transformPosition(anchor.index + anchor.length, true);
  if (end <= start) return { index: start, length: 0, detached: true };
  return { index: start, length: end - start, detached: false };
}

/** An anchor moved through several ops in order. */
export function moveThrough(anchor, deltas) {
  let a = anchor;
  for (const d of deltas) a = moveAnchor(a, d);
  return a;
}

/**
 * Where a position of the document after `delta` was before it (the inverse of a caret's move):
 * text the change inserted did not exist before, so a position in it goes to where it went in;
 * `after` (a range's start) puts a position at text the change deleted after that text, else
 * (a range's end) before it, so a range never takes in text the change deleted.
 */
export function positionBefore(delta, index, after) {
  let before = 0; // position in the document before the change
  let now = 0; // position in the document after it
  for (const op of delta.ops) {
    if (op.delete) {
      if (index === now && !after) return before; // a range's end stays before text the change deleted
      before += op.delete;
      continue;
    }
    const n = op.insert !== undefined ? (typeof op.insert === 'string' ? op.insert.length : 1)
      : (typeof op.retain === 'number' ? op.retain : 1);
    if (op.insert !== undefined) {
      if (index <= now + n) return before; // in (or at an edge of) inserted text: where it went in
      now += n;
      continue;
    }
    if (index < now + n) return before + (index - now);
    before += n;
    now += n;
  }
  return before + (index - now);
}

/**
 * A range the user selected in the editor, as the server has the text: moved back through the
 * page's unacknowledged edits (latest first), leaving out what only they inserted. Its length is 0
 * when all of it is text not yet saved.
 */
export function rangeBefore(range, pendingDeltas) {
  let start = range.index;
  let end = range.index + range.length;
  for (let i = pendingDeltas.length - 1; i >= 0; i--) {
    start = positionBefore(pendingDeltas[i], start, true);
    end = Math.max(start, positionBefore(pendingDeltas[i], end, false));
  }
  return { index: start, length: end - start };
}

/**
 * The threads' anchors in server coordinates at revision `rev` (the page's: the last committed op
 * it has), each {index, length, detached}.
 */
export class AnchorBook {
  /**
   * @param {object} io
   *   io.committedSince(rev) → Delta[] | null   the committed ops after rev the page still keeps, in order (null: not kept)
   *   io.pending() → Delta[]                    the page's unacknowledged edits, in order (in flight, then buffered)
   */
  constructor(io) {
    this.io = io;
    this.rev = null; // null: no anchors known (before the first list, after a reload)
    this.anchors = new Map(); // thread id → {index, length, detached}
  }

  /** Starts again at the page's revision with nothing known. */
  reset(rev) {
    this.rev = rev;
    this.anchors.clear();
  }

  /**
   * One committed op, the page's next revision. False when it is not the next one (the page
   * reloaded the document): the anchors are no longer known.
   */
  committed(rev, delta) {
    if (this.rev === null || rev !== this.rev + 1) {
      this.rev = null;
      this.anchors.clear();
      return false;
    }
    for (const [id, a] of this.anchors) this.anchors.set(id, moveAnchor(a, delta));
    this.rev = rev;
    return true;
  }

  /**
   * Sets a thread's anchor given at revision `at` (≤ the book's): moved through the ops since. False
   * when the page no longer keeps them (the caller asks the list again).
   */
  place(id, anchor, at) {
    if (this.rev === null || at > this.rev) return false;
    let a = { index: anchor.index, length: anchor.length, detached: !!anchor.detached };
    if (at < this.rev) {
      const since = this.io.committedSince(at);
      if (since === null) return false;
      a = moveThrough(a, since);
    }
    this.anchors.set(id, a);
    return true;
  }

  remove(id) {
    this.anchors.delete(id);
  }

  /** A thread's anchor where the editor shows its text now (through the page's unsaved edits), or null. */
  shown(id) {
    const a = this.anchors.get(id);
    return a ? moveThrough(a, this.io.pending()) : null;
  }
}
