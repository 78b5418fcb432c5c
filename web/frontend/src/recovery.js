// Taking over the edits a gone page of this user left unacknowledged on this document (journal.js):
// rebased over the ops committed since, shown, and sent under that page's client id, so an op the
// server already has is answered as a duplicate. No DOM, no network: the journal, the OT client,
// the catch-up pages and the editor are injected (test/recovery.test.mjs).
import { rebasePending } from './ot-client.js';

/** How often an open editor looks for edits that another page of this document left behind (closed, crashed). */
export const RECOVER_EVERY_MS = 5000;

/**
 * The committed op events in (fromRev, toRev], over as many catch-up pages as it takes.
 * @param pages (fromRev) → async iterable of event pages (DocSession.pages)
 */
export async function eventsBetween(pages, fromRev, toRev) {
  const events = [];
  if (fromRev < toRev) {
    for await (const page of pages(fromRev)) {
      events.push(...page.filter((e) => e.rev <= toRev));
      if (page[page.length - 1].rev >= toRev) break;
    }
  }
  const reached = events.length > 0 ? events[events.length - 1].rev : fromRev;
  if (reached < toRev) throw new Error('ops ' + reached + '..' + toRev + ' could not be fetched');
  return events;
}

export class Recovery {
  /**
   * @param {object} io
   *   io.journal             this editor's Journal, or null (this browser keeps none)
   *   io.ot                  the editor's OtClient
   *   io.pages(fromRev)      the committed op events after fromRev, page by page
   *   io.show(change)        show the recovered edits in the editor
   *   io.writable() → bool   the editor may edit now
   *   io.ready() → bool      the document is open and caught up (for the periodic look)
   */
  constructor(io, timers = globalThis) {
    this.io = io;
    this.timers = timers;
    this.gone = false; // the editor was torn down
    this.running = false;
    this.timer = null;
  }

  /** Looks every few seconds while the document is open: a page of it may close at any time. */
  start(everyMs = RECOVER_EVERY_MS) {
    this.timer = this.timers.setInterval(() => { if (this.io.ready()) this.run(); }, everyMs);
  }

  stop() {
    this.gone = true;
    this.timers.clearInterval(this.timer);
  }

  /** Only the editor is idle and may edit; anything that does not fit leaves the entry for later. */
  idle() {
    return !this.gone && this.io.writable() && !this.io.ot.hasPending();
  }

  /**
   * Claims a gone page's entry, if any, and adopts it. Only into an idle editor; anything that does
   * not fit (a gap, our own edits meanwhile, no right to edit) leaves the entry for a later editor.
   */
  async run() {
    const { journal, ot } = this.io;
    if (!journal || this.running || !this.idle()) return;
    this.running = true;
    let claimed = null;
    try {
      claimed = await journal.claimOrphan();
      for (let attempt = 0; claimed !== null && attempt < 3; attempt++) {
        const head = ot.rev;
        const rebased = rebasePending(claimed.state, await eventsBetween(this.io.pages, claimed.state.rev, head));
        if (ot.rev !== head) continue; // more ops came meanwhile: rebase over those too
        if (!this.idle()) break;
        // an entry from ahead of this document (restored from a backup?) cannot be adopted: keep it
        if (rebased.state !== null && rebased.state.rev !== ot.rev) break;
        journal.takeOver(claimed); // from here on the entry and its lock are this editor's
        claimed = null;
        if (rebased.state === null) {
          journal.save(null); // all of it had been committed: nothing to send
        } else {
          this.io.show(rebased.change);
          ot.adopt(rebased.state);
        }
      }
    } catch (e) {
      console.warn('unsaved edits of a closed tab kept for later:', e && e.message);
    } finally {
      this.running = false;
      if (claimed !== null) claimed.release(); // not taken over: the entry waits for a later look
    }
  }
}
