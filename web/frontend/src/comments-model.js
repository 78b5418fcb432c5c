// The comments of one document on the page: the threads (the list, then every `type:"comment"`
// event), their anchors kept at the page's revision (comment-anchors.js), what this user may do
// with them (roles.js), and the actions through the API. No DOM, no network: the API, the list
// request, the OT client's ops and the page's revision are injected, and the views render what
// changed() announces, so this runs under node --test (test/comments-model.test.mjs).
import Delta from 'quill-delta';
import { AnchorBook, rangeBefore } from './comment-anchors.js';
import { commentsPath, threadPath, repliesPath, commentPath } from './addresses.js';
import { atLeast, COMMENTER, EDITOR, OWNER } from './roles.js';
import { FORBIDDEN, NOT_FOUND, REV_AHEAD, RESYNC_REQUIRED, TOO_LARGE, INVALID_OP, RATE_LIMITED, UNAVAILABLE } from './codes.js';

/** The longest comment text the server takes, in UTF-16 units (CommentLimits). */
export const MAX_COMMENT_CHARS = 10000;

/** How many times in a row the list is asked again when the page cannot place what it answered. */
const MAX_RELISTS = 3;
/** A create or a reply that got no answer (or 503) is sent again with its id, this many times, this far apart. */
const RESENDS = 2;
const RESEND_MS = 1000;

/** What to tell the user when a comment request failed. */
export function failureMessage(err, action) {
  const status = err && err.status;
  if (status === TOO_LARGE) {
    return action === 'create' || action === 'reply'
      ? 'The comment is too long, or this document or thread has as many comments as it can hold.'
      : 'The comment is too long (at most 10,000 characters).';
  }
  if (status === INVALID_OP) {
    return action === 'create' ? 'The comment could not be made: the selected text changed, or the comment has characters that are not allowed. Select the text again.'
      : 'The comment has characters that are not allowed.';
  }
  if (status === RATE_LIMITED) return 'Too many comment changes at once — wait a moment and try again.';
  if (status === FORBIDDEN) return 'Your role in this document does not allow that.';
  if (status === NOT_FOUND) return 'That comment no longer exists.';
  if (status === RESYNC_REQUIRED || status === REV_AHEAD) return 'The document changed meanwhile — select the text again.';
  return 'The comment could not be saved — try again.';
}

/** Whether a comment's text can be sent: not blank, and not over the limit. */
export function textProblem(text) {
  if (typeof text !== 'string' || text.trim() === '') return 'Write a comment first.';
  if (text.length > MAX_COMMENT_CHARS) return 'The comment is too long (at most 10,000 characters).';
  return null;
}

const opener = (thread) => (thread.comments && thread.comments.length ? thread.comments[0].userId : null);

/** A thread without its anchor (kept in the AnchorBook). */
function record(t) {
  return { id: t.id, resolved: !!t.resolved, resolvedBy: t.resolvedBy || null, resolvedTs: t.resolvedTs || null,
    comments: Array.isArray(t.comments) ? t.comments : [] };
}

export class CommentsModel {
  /**
   * @param {object} io
   *   io.api(method, path, body) → Promise   the JSON API (rejects with {status, code, message})
   *   io.list() → Promise<{rev, threads}>    the `comments` action over the bridge
   *   io.rev() → number                      the page's server revision (the OT client's)
   *   io.committedSince(rev), io.pending()  the OT client's kept ops and unsaved edits (AnchorBook)
   *   io.changed()                          the state changed: render it
   *   io.tell(message)                      a notice for the user
   *   io.newId() → string                   an id that makes a create or a reply safe to send again
   *   io.wait(ms) → Promise                 optional: a pause before a resend (setTimeout by default)
   * @param {{docId: string, me: string, role: string}} who the document, this user's id and role
   */
  constructor(io, { docId, me, role }) {
    this.io = io;
    this.docId = docId;
    this.me = me;
    this.role = role;
    this.book = new AnchorBook({ committedSince: (r) => io.committedSince(r), pending: () => io.pending() });
    this.threads = new Map(); // id → {id, resolved, resolvedBy, resolvedTs, comments}
    this.waiting = []; // events (and a list answer) at a revision the page has not reached yet
    this.heard = null; // events that came while a list request was on its way
    this.asked = 0; // the latest list request: answers to older ones are dropped
    this.relists = 0;
    this.showResolved = false;
    this.events = 0; // comment events heard so far, and the count when each thread last had one
    this.lastEvent = new Map();
  }

  // ---- what this user may do (the server checks every request anyway) ----

  canComment() {
    return atLeast(this.role, COMMENTER);
  }

  canResolve(thread) {
    return atLeast(this.role, EDITOR) || (this.canComment() && opener(thread) === this.me);
  }

  canEdit(comment) {
    return this.canComment() && comment.userId === this.me;
  }

  /** A comment's delete; the thread's first comment deletes the thread. */
  canDelete(comment) {
    return this.canComment() && (comment.userId === this.me || this.role === OWNER);
  }

  setRole(role) {
    this.role = role;
    this.io.changed();
  }

  setShowResolved(on) {
    this.showResolved = !!on;
    this.io.changed();
  }

  // ---- following the document ----

  /** Asks the whole list (on a (re)connect after its catch-up, after a reload, when anchors cannot be placed). */
  async reload() {
    const asked = ++this.asked;
    this.heard = [];
    let reply;
    try {
      reply = await this.io.list();
    } catch (e) {
      if (asked === this.asked) this.heard = null; // offline: the next sync asks again
      return;
    }
    if (asked !== this.asked) return;
    const heard = this.heard;
    this.heard = null;
    this.receive({ list: true, rev: reply.rev, threads: reply.threads || [] });
    heard.filter((ev) => ev.rev >= reply.rev).forEach((ev) => this.receive(ev));
  }

  /** The document was opened again (a resync): the anchors are unknown until the list comes again. */
  reloaded() {
    this.book.reset(null);
    this.waiting = [];
    this.io.changed();
    this.reload();
  }

  /** One committed op event: the page is now at ev.rev. */
  committed(ev) {
    if (this.book.rev === null) return;
    if (!this.book.committed(ev.rev, new Delta(ev.ops))) {
      this.waiting = [];
      this.reload();
      return;
    }
    const due = this.waiting.filter((w) => w.rev <= this.book.rev);
    this.waiting = this.waiting.filter((w) => w.rev > this.book.rev);
    due.forEach((w) => this.apply(w));
    this.io.changed();
  }

  /** A `type:"comment"` event from doc.<id>.events. */
  event(ev) {
    if (!ev || typeof ev.rev !== 'number' || typeof ev.threadId !== 'string') return;
    this.lastEvent.set(ev.threadId, ++this.events);
    if (this.heard !== null) this.heard.push(ev);
    else this.receive(ev);
  }

  receive(ev) {
    if (ev.list) {
      // the list replaces everything, at the page's revision (now, or once the page reaches it)
      this.waiting = this.waiting.filter((w) => !w.list);
      this.book.reset(this.io.rev());
    } else if (this.book.rev === null) {
      return; // a list is on its way, and it is newer
    }
    if (ev.rev > this.book.rev) this.waiting.push(ev);
    else this.apply(ev);
    this.io.changed();
  }

  apply(ev) {
    if (ev.list) {
      this.threads.clear();
      this.book.anchors.clear();
      const placed = ev.threads.map((t) => this.set(t, ev.rev));
      if (placed.every((ok) => ok)) this.relists = 0;
      return;
    }
    if (ev.change === 'deleted' || !ev.thread) {
      this.threads.delete(ev.threadId);
      this.book.remove(ev.threadId);
    } else {
      this.set(ev.thread, ev.rev);
    }
  }

  /** Takes a thread whose anchor is valid at rev; false when its anchor could not be placed. */
  set(thread, rev) {
    if (!thread || typeof thread.id !== 'string') return true;
    this.threads.set(thread.id, record(thread));
    if (this.book.place(thread.id, thread, rev)) return true;
    this.lost();
    return false;
  }

  /** An anchor older than the ops the page keeps: the list again (a few times at most in a row). */
  lost() {
    if (this.relists++ < MAX_RELISTS) queueMicrotask(() => this.reload());
  }

  // ---- what the views show ----

  /**
   * The threads to show, in the document's order (a detached one at its last place), each with its
   * range in the editor now (`at`, null while the anchors are not known).
   */
  visible() {
    const out = [];
    for (const t of this.threads.values()) {
      if (t.resolved && !this.showResolved) continue;
      out.push({ ...t, at: this.book.rev === null ? null : this.book.shown(t.id) });
    }
    const key = (v) => (v.at ? v.at.index : Number.MAX_SAFE_INTEGER);
    return out.sort((a, b) => key(a) - key(b) || (a.at && b.at ? a.at.length - b.at.length : 0));
  }

  /** The shown thread whose text holds index (the narrowest), or null. */
  threadAt(index) {
    let best = null;
    for (const v of this.visible()) {
      const a = v.at;
      if (!a || a.detached || index < a.index || index >= a.index + a.length) continue;
      if (!best || a.length < best.at.length) best = v;
    }
    return best;
  }

  // ---- actions ----

  /**
   * One request; its answer (a thread) is taken as an event at its rev — unless an event of that
   * thread came meanwhile: events are in the server's order, so that event is this change's own or a
   * later one (this change's came before it), and the answer, taken now, would undo the later one.
   * `resend`: a request with an id, sent again when it got no answer or 503 (the same id: the server
   * gives what the first made).
   */
  async act(action, request, resend = false) {
    const since = this.events;
    for (let attempt = 0; ; attempt++) {
      try {
        const thread = await request();
        const overtaken = thread && (this.lastEvent.get(thread.id) || 0) > since;
        if (thread && typeof thread.rev === 'number' && !overtaken) this.receive({ rev: thread.rev, threadId: thread.id, change: action, thread });
        return true;
      } catch (e) {
        const passing = !e || e.status === undefined || e.status === UNAVAILABLE;
        if (resend && passing && attempt < RESENDS) {
          await (this.io.wait ? this.io.wait(RESEND_MS) : new Promise((r) => setTimeout(r, RESEND_MS)));
          continue;
        }
        this.io.tell(failureMessage(e, action));
        return false;
      }
    }
  }

  /** A new thread on the editor's range (its coordinates now); false when it could not be made (told why). */
  create(range, text) {
    const problem = textProblem(text);
    if (problem) { this.io.tell(problem); return Promise.resolve(false); }
    const saved = rangeBefore(range, this.io.pending());
    if (saved.length === 0) {
      this.io.tell(this.io.pending().length ? 'That text is not saved yet — comment on it in a moment.' : 'Select some text to comment on.');
      return Promise.resolve(false);
    }
    const body = { rev: this.io.rev(), index: saved.index, length: saved.length, text, id: this.io.newId() };
    return this.act('create', () => this.io.api('POST', commentsPath(this.docId), body), true);
  }

  reply(threadId, text) {
    const problem = textProblem(text);
    if (problem) { this.io.tell(problem); return Promise.resolve(false); }
    const body = { text, id: this.io.newId() };
    return this.act('reply', () => this.io.api('POST', repliesPath(this.docId, threadId), body), true);
  }

  edit(threadId, commentId, text) {
    const problem = textProblem(text);
    if (problem) { this.io.tell(problem); return Promise.resolve(false); }
    return this.act('edit', () => this.io.api('PATCH', commentPath(this.docId, threadId, commentId), { text }));
  }

  setResolved(threadId, resolved) {
    return this.act(resolved ? 'resolve' : 'reopen', () => this.io.api('PATCH', threadPath(this.docId, threadId), { resolved }));
  }

  /** Deletes one comment; the thread's first one deletes the thread. */
  remove(threadId, commentId) {
    const t = this.threads.get(threadId);
    const whole = !t || t.comments.length === 0 || t.comments[0].id === commentId;
    return this.act('delete', async () => {
      await this.io.api('DELETE', whole ? threadPath(this.docId, threadId) : commentPath(this.docId, threadId, commentId));
      if (whole) {
        this.threads.delete(threadId);
        this.book.remove(threadId);
      } else {
        t.comments = t.comments.filter((c) => c.id !== commentId);
      }
      this.io.changed();
      return null;
    });
  }
}
