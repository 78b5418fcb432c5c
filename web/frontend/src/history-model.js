// The history panel's state and actions: the entries (a page at a time, newest first, or named
// versions only), the preview of one revision against its entry's start, naming, restoring. No DOM,
// no network: the API call is injected and the view (history-view.js) renders what changed()
// announces, so this runs under node --test (test/history-model.test.mjs).
import { historyPath, revisionPath, diffPath, versionPath, restorePath } from './addresses.js';
import { redline } from './redline.js';
import { colorOf, tint } from './colors.js';
import { FORBIDDEN, NOT_FOUND } from './codes.js';

export const PAGE_SIZE = 20;

/** How the preview marks a change: inserted text on its author's tint, deleted text struck in the deleter's colour. */
export const MARKS = Object.freeze({
  inserted: (author) => ({ background: tint(colorOf(author)) }),
  deleted: (author) => ({ strike: true, color: colorOf(author) }),
});

/** What to tell the user when a history request failed. */
export function failureMessage(err) {
  if (err && err.status === FORBIDDEN) return 'Only editors and owners can see and restore versions.';
  if (err && err.status === NOT_FOUND) return 'That version or document no longer exists.';
  return 'The history could not be reached — try again.';
}

/**
 * What a restore's entry says it restored ({entry.restoredFrom}, the revision; null for other
 * entries): the name of that revision's named version when a loaded entry carries it (a named
 * revision ends its entry), else the revision with its time when a loaded entry starts or ends there.
 * @param {object} entry  a history entry
 * @param {object[]} entries  the entries the page has loaded
 * @param {(ts: number) => string} time  how a time is shown
 */
export function restoredLabel(entry, entries, time = (ts) => new Date(ts).toLocaleString()) {
  const rev = entry && entry.restoredFrom;
  if (rev === undefined || rev === null) return null;
  if (rev === 0) return 'Restored from the empty document';
  const named = entries.find((e) => e.toRev === rev && e.name);
  if (named) return 'Restored from “' + named.name + '”';
  const at = entries.find((e) => e.toRev === rev || e.fromRev === rev);
  const ts = at ? (at.toRev === rev ? at.endTs : at.startTs) : null;
  return 'Restored from revision ' + rev + (ts === null ? '' : ' (' + time(ts) + ')');
}

export class HistoryModel {
  /**
   * @param {object} io
   *   io.api(method, path, body) → Promise   the JSON API (rejects with {status, code, message})
   *   io.changed()                          the state changed: render it
   *   io.tell(message)                      a notice for the user
   * @param {string} docId
   */
  constructor(io, docId, pageSize = PAGE_SIZE) {
    this.io = io;
    this.docId = docId;
    this.pageSize = pageSize;
    this.entries = [];
    this.more = false;
    this.namedOnly = false;
    this.loading = false;
    this.preview = null; // {entry, rev, ops, name, loading}
    this.confirmingRestore = false;
    this.listAsked = 0; // the latest list request: answers to older ones are dropped
    this.previewAsked = 0;
  }

  /** The first page again (the panel opened, the filter changed, a name or a restore changed the list). */
  reload() {
    this.entries = [];
    this.more = false;
    return this.load(null);
  }

  /** The next page, older than the oldest entry shown. */
  loadMore() {
    if (this.loading || !this.more || this.entries.length === 0) return Promise.resolve();
    return this.load(this.entries[this.entries.length - 1].fromRev);
  }

  setNamedOnly(on) {
    this.namedOnly = !!on;
    return this.reload();
  }

  async load(before) {
    const mine = ++this.listAsked;
    this.loading = true;
    this.io.changed();
    try {
      const page = await this.io.api('GET', historyPath(this.docId, { before, limit: this.pageSize, named: this.namedOnly }));
      if (mine !== this.listAsked) return;
      this.entries = this.entries.concat(page.entries || []);
      this.more = !!page.more;
    } catch (err) {
      if (mine === this.listAsked) this.io.tell(failureMessage(err));
    } finally {
      if (mine === this.listAsked) {
        this.loading = false;
        this.io.changed();
      }
    }
  }

  /**
   * Shows revision rev (by default the entry's last) read-only, with what changed since the entry
   * began marked: the document before the entry's first revision and the diff from there to rev.
   */
  async openPreview(entry, rev = entry.toRev) {
    const mine = ++this.previewAsked;
    const r = Math.min(Math.max(rev, entry.fromRev), entry.toRev);
    const start = Math.max(0, entry.fromRev - 1);
    this.confirmingRestore = false;
    // only an entry's last revision can carry a name: a named revision ends its entry
    this.preview = { entry, rev: r, ops: null, name: r === entry.toRev ? entry.name || null : null, loading: true };
    this.io.changed();
    try {
      const [before, diff] = await Promise.all([
        this.io.api('GET', revisionPath(this.docId, start)),
        this.io.api('GET', diffPath(this.docId, start, r))]);
      if (mine !== this.previewAsked) return;
      this.preview = { ...this.preview, ops: redline(before.content || [], diff.ops || [], MARKS), loading: false };
    } catch (err) {
      if (mine !== this.previewAsked) return;
      this.preview = null;
      this.io.tell(failureMessage(err));
    }
    this.io.changed();
  }

  /** The revision before (-1) or after (+1) the one previewed, within its entry. */
  step(by) {
    const p = this.preview;
    if (!p) return Promise.resolve();
    const rev = p.rev + by;
    if (rev < p.entry.fromRev || rev > p.entry.toRev) return Promise.resolve();
    return this.openPreview(p.entry, rev);
  }

  closePreview() {
    this.previewAsked++;
    this.preview = null;
    this.confirmingRestore = false;
    this.io.changed();
  }

  /** Names the previewed revision (or renames it). */
  async name(name) {
    const p = this.preview;
    const trimmed = (name || '').trim();
    if (!p) return false;
    if (!trimmed) {
      this.io.tell('A version name cannot be empty.');
      return false;
    }
    try {
      const saved = await this.io.api('PUT', versionPath(this.docId, p.rev), { name: trimmed });
      if (this.preview && this.preview.rev === p.rev) this.preview = { ...this.preview, name: saved.name };
      await this.reload();
      return true;
    } catch (err) {
      this.io.tell(err && err.status === 400 ? 'That name cannot be used (1 to 100 characters).' : failureMessage(err));
      this.io.changed();
      return false;
    }
  }

  /** Removes the previewed revision's name. */
  async removeName() {
    const p = this.preview;
    if (!p || !p.name) return;
    try {
      await this.io.api('DELETE', versionPath(this.docId, p.rev));
      if (this.preview && this.preview.rev === p.rev) this.preview = { ...this.preview, name: null };
      await this.reload();
    } catch (err) {
      this.io.tell(failureMessage(err));
      this.io.changed();
    }
  }

  /** What a restore's entry restored, as its label (null for other entries): see restoredLabel. */
  restoredLabel(entry, time) {
    return restoredLabel(entry, this.entries, time);
  }

  /** Restoring asks first. */
  askRestore() {
    if (!this.preview || this.preview.loading) return;
    this.confirmingRestore = true;
    this.io.changed();
  }

  cancelRestore() {
    this.confirmingRestore = false;
    this.io.changed();
  }

  /**
   * Makes the previewed revision the current content, as a new revision (the live document gets it
   * through the op stream like any edit); the preview closes and the list shows the new entry.
   */
  async restore() {
    const p = this.preview;
    if (!p || !this.confirmingRestore) return null;
    this.confirmingRestore = false;
    try {
      const result = await this.io.api('POST', restorePath(this.docId), { rev: p.rev });
      this.closePreview();
      this.io.tell(result.unchanged ? 'The document already is this version.' : 'Version restored.', 'info');
      await this.reload();
      return result;
    } catch (err) {
      this.io.tell(failureMessage(err));
      this.io.changed();
      return null;
    }
  }
}
