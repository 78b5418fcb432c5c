// The session of one editor with its document: opens it, follows its events (ops, role, title),
// catches up after a gap or a reconnect, reopens it when the server says the page cannot go on from
// where it is (resync), and answers for the page's state (status line, read-only). No DOM, no
// network: the connection and the editor are injected, so it runs under node --test
// (test/doc-session.test.mjs), like the OT client it drives.
import { OtClient } from './ot-client.js';
import { docAddress, docEvents } from './addresses.js';
import { FORBIDDEN, NOT_FOUND, RESYNC_REQUIRED, TOO_LARGE, INVALID_OP } from './codes.js';
import { refusalNotice } from './formats.js';
import { RegistrationRetry } from './retry.js';
import { atLeast, EDITOR } from './roles.js';

/**
 * The committed op events after fromRev, a catch-up page at a time, while the server has more (one
 * page holds at most 1,000 ops).
 */
export async function* catchupPages(request, address, fromRev) {
  let at = fromRev;
  for (;;) {
    const reply = await request(address, { action: 'catchup', fromRev: at });
    const page = reply.events.filter((e) => e.rev > at);
    if (page.length === 0) return;
    yield page;
    if (!reply.more) return;
    at = page[page.length - 1].rev;
  }
}

export class DocSession {
  /**
   * @param {object} io
   *   io.request(address, body) → Promise   the connection's request (rejects with {failureCode, message})
   *   io.register(address, handler)          the connection's registration (handler(err, msg)), kept over reconnects
   *   io.reregister(address)                 registers it again (the bridge failed it for a passing reason)
   *   io.connected() → boolean               the connection is open
   *   io.apply(delta)                        show a remote change (already transformed)
   *   io.setContents(ops)                    show an opened document (its history cleared)
   *   io.broken() → boolean                  the opened document cannot be shown (render guard)
   *   io.statusChanged()                     status() may have changed
   *   io.accessChanged()                     readOnly() may have changed (and status())
   *   io.pending(state)                      the OT client's pending state changed (OtClient.pendingState)
   *   io.title(title)                        the document's title, from open or a rename
   *   io.tell(message)                       a notice for the user
   *   io.opened() → Promise                  after the first open, before live events apply (recovery)
   *   io.synced()                            caught up on a (re)opened connection
   *   io.committed(event)                    optional: a committed op event applied, the page now at its rev
   *   io.comment(event)                      optional: a {type:"comment"} event (not an op)
   *   io.reloaded()                          optional: the document was opened again after a resync
   *   io.timers                              setTimeout/clearTimeout (the registration's backoff)
   * @param {{docId: string, clientId: string, role: string}} doc the document, the OT client id
   *   (submits only) and the role the page was opened with
   */
  constructor(io, { docId, clientId, role }) {
    this.io = io;
    this.address = docAddress(docId);
    this.events = docEvents(docId);
    this.role = role; // null: no access any more (unshared or deleted)
    this.trashed = false; // moved to the trash while open: nobody's until its owner restores it
    this.trashedRole = null; // the role the page had when it was trashed (an owner's page offers Restore)
    this.opened = false; // the document content is loaded
    this.synced = false; // caught up on this connection: live events may be applied
    this.failed = false; // the last (re)open failed
    this.queue = []; // live events that came before the sync
    this.catchingUp = false;
    this.retry = new RegistrationRetry(this.events, (a) => io.reregister(a), io.timers);
    this.ot = new OtClient({
      submit: (m) => io.request(this.address, { action: 'submit', ...m }),
      apply: (delta) => io.apply(delta),
      changed: () => {
        io.statusChanged();
        io.pending(this.ot.pendingState());
      },
      failed: (err) => this.submitFailed(err),
      committed: (ev) => { if (io.committed) io.committed(ev); },
    }, clientId);
  }

  /** Listens to the document's events (now and after every reconnect). */
  start() {
    this.io.register(this.events, (err, msg) => this.onEvent(err, msg));
  }

  stop() {
    this.retry.stop();
  }

  readOnly() {
    return this.io.broken() || !atLeast(this.role, EDITOR);
  }

  /** The status line's state: broken, trashed, error, revoked, loading, offline, readonly, saving or saved. */
  status() {
    if (this.io.broken()) return 'broken';
    if (this.trashed) return 'trashed';
    if (this.failed) return 'error';
    if (this.opened && this.role === null) return 'revoked';
    if (!this.opened) return this.io.connected() ? 'loading' : 'offline';
    if (this.readOnly()) return 'readonly';
    if (!this.io.connected() || !this.synced) return 'offline';
    return this.ot.hasPending() ? 'saving' : 'saved';
  }

  setRole(role) {
    this.role = role;
    this.io.accessChanged();
  }

  /** A local edit. */
  local(delta) {
    if (!this.readOnly()) this.ot.local(delta);
  }

  /** The committed op events after fromRev, page by page (for the recovery too). */
  pages(fromRev) {
    return catchupPages((a, b) => this.io.request(a, b), this.address, fromRev);
  }

  /** An event on doc.<id>.events, or the registration's failure. */
  onEvent(err, msg) {
    if (err) {
      if (err.failureCode === FORBIDDEN) this.setRole(null); // the bridge ended the registration: unshared or deleted
      else this.retry.failed(err, () => this.catchUp());
      return;
    }
    this.retry.succeeded();
    const ev = msg.body;
    if (ev && ev.type === 'role') {
      this.setRole(ev.role);
      // edits refused while we could not write (403) are still pending: send them now that we can
      if (!this.readOnly() && this.synced) this.ot.flush();
    } else if (ev && ev.type === 'trashed') {
      this.trashed = true; // the bridge then drops the registration; edits stay pending for a restore
      this.trashedRole = this.role;
      this.setRole(null);
    } else if (ev && ev.type === 'title') {
      if (typeof ev.title === 'string' && ev.title) this.io.title(ev.title);
    } else if (ev && ev.type === 'comment') {
      if (this.io.comment) this.io.comment(ev); // not an op: the comments follow the revision themselves
    } else if (!this.synced) {
      this.queue.push(ev);
    } else if (this.ot.receive(ev) === 'gap') {
      this.catchUp();
    }
  }

  /**
   * Every catch-up page until the server has no more. Stopping after one page would resend a pending
   * op based more than the sequencer's window behind the head after a long time offline: refused
   * with 410, and the resync would drop it.
   */
  async catchUpFully() {
    for await (const page of this.pages(this.ot.rev)) {
      for (const ev of page) this.ot.receive(ev);
    }
  }

  async catchUp() {
    if (this.catchingUp) return;
    this.catchingUp = true;
    try {
      await this.catchUpFully();
    } catch (e) {
      // Offline: the reconnect catches up. Too far behind: reload the document.
      if (e && e.failureCode === RESYNC_REQUIRED) this.resync();
    } finally {
      this.catchingUp = false;
    }
  }

  async load() {
    const doc = await this.io.request(this.address, { action: 'open' });
    this.role = doc.role;
    this.io.setContents(doc.content);
    this.ot.reset(doc.rev);
    if (doc.title) this.io.title(doc.title);
    this.opened = true;
  }

  /** The live events that came before the sync, now that the document is open (older ones are ignored). */
  applyQueued() {
    const queued = this.queue;
    this.queue = [];
    for (const ev of queued) this.ot.receive(ev);
  }

  /** Reloads the document from the server: whatever is pending is dropped. */
  async resync() {
    this.synced = false;
    this.queue = [];
    try {
      await this.load();
      this.applyQueued(); // published while the reopen was on its way: not in what it answered
      this.synced = true;
      this.failed = false;
      if (this.io.reloaded) this.io.reloaded();
    } catch (e) {
      this.failed = true;
    }
    this.io.accessChanged();
  }

  /** The connection is open (again): open or catch up, apply what came meanwhile, then resend. */
  async onOpen() {
    try {
      if (!this.opened) {
        await this.load();
        await this.io.opened();
      } else {
        await this.catchUpFully(); // before the pending op goes out again: its baseRev is then the head
      }
      this.applyQueued();
      this.synced = true;
      this.ot.setOnline(true);
      this.ot.flush();
      this.io.accessChanged();
      this.io.synced();
    } catch (e) {
      await this.openFailed(e);
    }
  }

  async openFailed(e) {
    const code = e && e.failureCode;
    if (code === RESYNC_REQUIRED) {
      await this.resync();
      this.ot.setOnline(true);
    } else if (code === FORBIDDEN || code === NOT_FOUND) {
      if (this.opened) {
        this.setRole(null); // unshared or deleted while we were away: say so, keep the text readable
      } else {
        this.failed = true;
        this.io.statusChanged();
      }
    }
  }

  onClose() {
    this.synced = false;
    this.ot.setOnline(false);
    this.io.statusChanged();
  }

  /** The server refused the in-flight op for good (OtClient's failed). */
  submitFailed(err) {
    console.warn('submit refused', err.failureCode, err.message);
    if (err.failureCode === FORBIDDEN) {
      this.setRole('viewer'); // kept pending: sent once a role event says we may write again
      return;
    }
    if (err.failureCode === TOO_LARGE || err.failureCode === INVALID_OP) {
      this.io.tell(refusalNotice(err.failureCode, this.ot.pendingState()?.inflight?.ops));
    }
    this.resync();
  }
}
