// The OT client of one document: one op in flight, a buffer composed behind it (never into the
// in-flight op), incoming ops transformed against both. No DOM, no network: the editor and the
// connection are injected, so it runs under node --test too.
import Delta from 'quill-delta';
import { NO_REPLY, RATE_LIMITED, UNAUTHENTICATED, UNAVAILABLE } from './codes.js';

/**
 * Bounds of one submitted op, well inside the server's (256 Ki inserted characters, 10,000
 * components and 512 KiB per op, 1 MiB per bridge frame): a larger change (a big paste, a long
 * offline session) goes out as several ops in a row.
 */
export const MAX_OP_CHARS = 64 * 1024;
export const MAX_OP_COMPONENTS = 2000;
export const MAX_OP_BYTES = 256 * 1024;

function size(op) {
  if (typeof op.insert === 'string') return op.insert.length;
  return op.insert !== undefined ? 1 : 0;
}

/** UTF-8 bytes of one UTF-16 unit, a surrogate half counting 2 (as the server's ContentBytes). */
function unitBytes(code) {
  if (code < 0x80) return 1;
  return code < 0x800 || (code >= 0xd800 && code <= 0xdfff) ? 2 : 3;
}

function textBytes(s) {
  let n = 0;
  for (let i = 0; i < s.length; i++) n += unitBytes(s.charCodeAt(i));
  return n;
}

function mapBytes(m) {
  if (!m) return 0;
  let n = 0;
  for (const [k, v] of Object.entries(m)) {
    n += 6 + textBytes(k) + (v === null ? 4 : typeof v === 'string' ? textBytes(v) : String(v).length);
  }
  return n;
}

/**
 * The server's measure of one op component in bytes (ContentBytes): 16 of structure, the text as
 * UTF-8, the attributes and the embed. An embed is one character whatever its size, so characters
 * alone do not bound an op.
 */
export function opBytes(op) {
  let n = 16 + mapBytes(op.attributes);
  if (typeof op.insert === 'string') n += textBytes(op.insert);
  else if (op.insert !== undefined) n += mapBytes(op.insert);
  return n;
}

/**
 * Splits a change into [head, rest] with head within the bounds and head.compose(rest) equal to
 * the change on any document; rest is null when the change fits whole. A string insert is cut
 * between characters, never inside a surrogate pair. A component that cannot be cut and is over
 * the bounds by itself (a huge embed) goes alone, for the server to judge.
 */
export function splitDelta(delta, maxChars = MAX_OP_CHARS, maxComponents = MAX_OP_COMPONENTS, maxBytes = MAX_OP_BYTES) {
  if (maxChars < 2 || maxComponents < 2) throw new Error('bounds too small to make progress');
  const ops = delta.ops;
  const head = new Delta();
  let chars = 0;
  let bytes = 0;
  let pos = 0; // length of what the head's ops produce: where the rest starts applying
  for (let i = 0; i < ops.length; i++) {
    const op = ops[i];
    // nothing done yet but skipping to where the rest applies: whatever comes must go out, alone if need be
    const fresh = i === 0 || (i === 1 && typeof ops[0].retain === 'number' && !ops[0].attributes);
    const fits = head.ops.length < maxComponents && chars + size(op) <= maxChars && bytes + opBytes(op) <= maxBytes;
    if (fits || (fresh && typeof op.insert !== 'string')) {
      head.push(op);
      chars += size(op);
      bytes += opBytes(op);
      if (op.insert !== undefined) pos += size(op);
      else if (op.retain !== undefined) pos += typeof op.retain === 'number' ? op.retain : 1;
      continue;
    }
    let remaining = ops.slice(i);
    if (typeof op.insert === 'string' && head.ops.length < maxComponents) {
      const k = cutAt(op, maxChars - chars, maxBytes - bytes, fresh);
      if (k > 0) {
        const cut = (text) => (op.attributes ? { insert: text, attributes: op.attributes } : { insert: text });
        head.push(cut(op.insert.slice(0, k)));
        pos += k;
        remaining = k < op.insert.length ? [cut(op.insert.slice(k)), ...ops.slice(i + 1)] : ops.slice(i + 1);
      }
    }
    if (remaining.length === 0) return [head, null];
    const rest = new Delta();
    if (pos > 0) rest.retain(pos);
    remaining.forEach((o) => rest.push(o));
    return [head, rest];
  }
  return [delta, null];
}

/** How many characters of a string insert fit in what is left of the bounds (at least one pair when it must progress). */
function cutAt(op, charsLeft, bytesLeft, mustProgress) {
  const text = op.insert;
  let budget = bytesLeft - 16 - mapBytes(op.attributes);
  let k = 0;
  while (k < Math.min(charsLeft, text.length) && budget >= unitBytes(text.charCodeAt(k))) {
    budget -= unitBytes(text.charCodeAt(k));
    k++;
  }
  if (k === 0 && mustProgress) k = 1;
  const code = text.charCodeAt(k - 1);
  if (k > 0 && k < text.length && code >= 0xd800 && code <= 0xdbff) {
    k = k > 1 ? k - 1 : (mustProgress ? 2 : 0); // keep a surrogate pair whole
  }
  return k;
}

export class OtClient {
  /**
   * @param {object} io
   *   io.submit({clientId, seq, baseRev, ops}) → Promise (reply or rejection {failureCode, message})
   *   io.apply(delta)      apply a remote (already transformed) change to the editor
   *   io.changed()         the pending state changed (for the status line)
   *   io.failed(err, what) a fatal failure (resync needed, forbidden)
   *   io.committed(event)  optional: an op event applied, the client now at its rev (own ops too)
   * @param {string} clientId random, ≥ 16 chars, kept across reconnects
   */
  constructor(io, clientId) {
    this.io = io;
    this.clientId = clientId;
    this.rev = 0;
    this.seq = 0;
    this.inflight = null; // {seq, baseRev, delta}
    this.buffer = null; // Delta
    this.online = false;
    this.pendingEvents = new Map(); // rev → event that arrived ahead of a gap
    this.recent = []; // [{rev, delta}] of the last committed ops, to bring remote selections up to date
  }

  /** Fresh document state (open / resync): nothing pending. */
  reset(rev) {
    this.rev = rev;
    this.inflight = null;
    this.buffer = null;
    this.pendingEvents.clear();
    this.recent = [];
    this.io.changed();
  }

  hasPending() {
    return this.inflight !== null || this.buffer !== null;
  }

  /** A change made in this editor. */
  local(delta) {
    this.buffer = this.buffer === null ? delta : this.buffer.compose(delta);
    this.sendNext(); // goes out at once when nothing is in flight
    this.io.changed();
  }

  setOnline(online) {
    this.online = online;
    this.io.changed();
  }

  /** Nothing in flight: the buffer's first op-sized part goes out, the rest stays buffered. */
  sendNext() {
    if (this.inflight !== null || this.buffer === null) return;
    const [head, rest] = splitDelta(this.buffer);
    this.inflight = { seq: ++this.seq, baseRev: this.rev, delta: head };
    this.buffer = rest;
    this.flush();
  }

  /** (Re)sends the in-flight op with its own (clientId, seq): the server de-duplicates a repeat. */
  flush() {
    if (!this.online || this.inflight === null) {
      return;
    }
    const op = this.inflight;
    op.baseRev = this.rev;
    this.io.submit({ clientId: this.clientId, seq: op.seq, baseRev: op.baseRev, ops: op.delta.ops })
      .catch((err) => this.submitFailed(op, err));
  }

  submitFailed(op, err) {
    if (this.inflight !== op) {
      return;
    }
    const code = err && err.failureCode;
    if (code === RATE_LIMITED || code === UNAVAILABLE || code === undefined || code === NO_REPLY || code === UNAUTHENTICATED) {
      // Transient (or the socket went away): the same op is sent again later with the same seq.
      if (this.online) {
        setTimeout(() => { if (this.inflight === op) this.flush(); }, 500 + Math.random() * 1000);
      }
      return;
    }
    this.io.failed(err, 'submit');
  }

  /** One op event from doc.<id>.events or from a catch-up, in any order, possibly repeated. */
  receive(event) {
    if (!event || event.type !== 'op' || typeof event.rev !== 'number' || event.rev <= this.rev) {
      return 'old';
    }
    if (event.rev > this.rev + 1) {
      this.pendingEvents.set(event.rev, event);
      return 'gap';
    }
    this.applyEvent(event);
    let next;
    while ((next = this.pendingEvents.get(this.rev + 1)) !== undefined) {
      this.pendingEvents.delete(next.rev);
      this.applyEvent(next);
    }
    for (const r of [...this.pendingEvents.keys()]) {
      if (r <= this.rev) this.pendingEvents.delete(r);
    }
    return 'applied';
  }

  applyEvent(event) {
    this.rev = event.rev;
    this.recent.push({ rev: event.rev, delta: new Delta(event.ops) });
    if (this.recent.length > 200) this.recent.shift();
    if (this.inflight !== null && event.clientId === this.clientId && event.seq === this.inflight.seq) {
      // Our own op, committed: that is the acknowledgement.
      this.inflight = null;
      this.sendNext();
      this.io.changed();
      this.committed(event);
      return;
    }
    if (event.clientId === this.clientId && event.seq <= this.seq) {
      this.committed(event);
      return; // an older op of ours, already accounted for
    }
    let remote = new Delta(event.ops);
    if (this.inflight !== null) {
      const inflight2 = remote.transform(this.inflight.delta, true);
      remote = this.inflight.delta.transform(remote, false);
      this.inflight.delta = inflight2;
    }
    if (this.buffer !== null) {
      const buffer2 = remote.transform(this.buffer, true);
      remote = this.buffer.transform(remote, false);
      this.buffer = buffer2;
    }
    this.io.apply(remote);
    this.committed(event);
  }

  committed(event) {
    if (this.io.committed) this.io.committed(event);
  }
}

/**
 * The pending edits as plain JSON, consistent with each other: the revision they are based on, the
 * last seq used, the in-flight op and the buffer behind it; null when nothing is pending.
 */
OtClient.prototype.pendingState = function pendingState() {
  if (!this.hasPending()) return null;
  return {
    clientId: this.clientId,
    rev: this.rev,
    seq: this.seq,
    inflight: this.inflight && { seq: this.inflight.seq, ops: this.inflight.delta.ops },
    buffer: this.buffer && this.buffer.ops,
  };
};

/**
 * Takes over pending edits (from rebasePending, at this client's revision): their client id and
 * seq too, so that an in-flight op the server may already have is answered as a duplicate, never
 * applied twice. The editor must show them already.
 */
/** Sets a client's pending edits, seq and revision from a pendingState (the inverse of pendingState). */
function restorePending(client, state) {
  client.rev = state.rev;
  client.seq = state.seq;
  client.inflight = state.inflight && { seq: state.inflight.seq, baseRev: state.rev, delta: new Delta(state.inflight.ops) };
  client.buffer = state.buffer && new Delta(state.buffer);
}

OtClient.prototype.adopt = function adopt(state) {
  if (this.hasPending() || state.rev !== this.rev) throw new Error('adopt needs an idle client at rev ' + state.rev);
  this.clientId = state.clientId;
  restorePending(this, state);
  this.io.changed();
  if (this.inflight === null) this.sendNext();
  else this.flush();
};

/**
 * A pendingState taken at revision r, moved over the committed events after r (in order, every
 * one up to the end): the same pending edits at the last event's revision, as the client that
 * wrote them would have them had it lived. Its own in-flight op among the events is its
 * acknowledgement. Returns {state, change}: change is what the pending edits do to the document
 * at that revision (null when nothing is left), or throws when the events have a gap.
 */
export function rebasePending(state, events) {
  const scratch = new OtClient({ submit: () => new Promise(() => {}), apply: () => {}, changed: () => {}, failed: () => {} },
    state.clientId);
  restorePending(scratch, state);
  for (const ev of events) {
    if (scratch.receive(ev) === 'gap') throw new Error('a gap in the events after rev ' + state.rev);
  }
  const left = scratch.pendingState();
  if (left === null) return { state: null, change: null };
  const change = scratch.inflight ? (scratch.buffer ? scratch.inflight.delta.compose(scratch.buffer) : scratch.inflight.delta) : scratch.buffer;
  return { state: left, change };
}

/**
 * The committed ops after fromRev, in order, while this client still keeps them all (the last 200);
 * null for a revision older than that or newer than ours.
 */
OtClient.prototype.committedSince = function committedSince(fromRev) {
  if (fromRev > this.rev) return null;
  if (fromRev === this.rev) return [];
  if (this.recent.length === 0 || fromRev < this.recent[0].rev - 1) return null;
  return this.recent.filter((h) => h.rev > fromRev).map((h) => h.delta);
};

/** The edits of this page not yet acknowledged, in order: the in-flight op, then the buffer. */
OtClient.prototype.pendingDeltas = function pendingDeltas() {
  return [this.inflight && this.inflight.delta, this.buffer].filter((d) => d !== null);
};

/**
 * Where a position another client saw at server revision fromRev is in this editor now: moved through
 * the committed ops after fromRev that we know, then through our in-flight op and buffer. Best effort:
 * a revision older than what is kept, or newer than ours, leaves the position as it is.
 */
OtClient.prototype.transformIndex = function transformIndex(index, fromRev) {
  let i = index;
  for (const d of this.committedSince(fromRev) || []) i = d.transformPosition(i);
  for (const d of this.pendingDeltas()) i = d.transformPosition(i);
  return i;
};

/** Exponential backoff with full jitter: uniform in [0, min(cap, base·2^attempt)]. */
export function backoffDelay(attempt, baseMs = 500, capMs = 30000, random = Math.random) {
  const ceiling = Math.min(capMs, baseMs * Math.pow(2, Math.min(attempt, 20)));
  return Math.floor(random() * ceiling);
}
