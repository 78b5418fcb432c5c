// "Show authors": who wrote each part of the current text, from the server's authorship runs
// (GET /api/docs/{id}/authorship), mapped onto the page's text and kept fresh while the document
// changes (a debounced refetch). No DOM: painting is injected (author-highlights.js paints in the
// page), so this runs under node --test (test/authorship.test.mjs).
import { colorOf } from './colors.js';

/** How long after the last change the runs are fetched again. */
export const REFRESH_MS = 1000;

/**
 * The spans to colour: one per run with a known author, at the page's positions.
 * @param answer   {rev, runs:[{length, userId}], authors:[{userId, name}]}
 * @param mapIndex (index, rev) → the index in the page's text now (the OT client's transformIndex)
 * @returns [{index, length, userId, name, color}] in document order, empty ones left out
 */
export function authorSpans(answer, mapIndex = (i) => i) {
  const names = new Map((answer.authors || []).map((a) => [a.userId, a.name]));
  const spans = [];
  let at = 0;
  for (const run of answer.runs || []) {
    const from = at;
    at += run.length;
    if (typeof run.userId !== 'string') continue; // unknown author: left uncoloured
    const index = mapIndex(from, answer.rev);
    const length = mapIndex(at, answer.rev) - index;
    if (length > 0) {
      spans.push({ index, length, userId: run.userId, name: names.get(run.userId) || 'Someone', color: colorOf(run.userId) });
    }
  }
  return spans;
}

/** The span covering index (binary search over spans in document order), or null. */
export function spanAt(spans, index) {
  let lo = 0;
  let hi = spans.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = spans[mid];
    if (index < s.index) hi = mid - 1;
    else if (index >= s.index + s.length) lo = mid + 1;
    else return s;
  }
  return null;
}

export class AuthorsToggle {
  /**
   * @param {object} io
   *   io.fetch() → Promise<answer>   the authorship route
   *   io.mapIndex(index, rev) → index the page's position now of a position at rev
   *   io.paint(spans)                 colours the text (replacing what was painted)
   *   io.clear()                      takes the colours away
   *   io.failed(err)                  the runs could not be fetched (shown off again)
   *   io.changed()                    on changed (the toggle's pressed state)
   */
  constructor(io, timers = globalThis) {
    this.io = io;
    this.timers = timers;
    this.on = false;
    this.spans = [];
    this.timer = null;
    this.asked = 0; // the latest fetch: an older answer arriving later is dropped
  }

  toggle() {
    if (this.on) this.hide();
    else this.show();
  }

  show() {
    this.on = true;
    this.io.changed();
    return this.refresh();
  }

  hide() {
    this.on = false;
    this.asked++;
    this.timers.clearTimeout(this.timer);
    this.timer = null;
    this.spans = [];
    this.io.clear();
    this.io.changed();
  }

  /** The text changed: fetch the runs again once it has been quiet for REFRESH_MS. */
  textChanged() {
    if (!this.on) return;
    this.timers.clearTimeout(this.timer);
    this.timer = this.timers.setTimeout(() => { this.timer = null; this.refresh(); }, REFRESH_MS);
  }

  async refresh() {
    const mine = ++this.asked;
    try {
      const answer = await this.io.fetch();
      if (mine !== this.asked || !this.on) return;
      this.spans = authorSpans(answer, (i, rev) => this.io.mapIndex(i, rev));
      this.io.paint(this.spans);
    } catch (err) {
      if (mine !== this.asked || !this.on) return;
      this.hide();
      this.io.failed(err);
    }
  }

  /** Who wrote the character at index (for the name on hover), or null. */
  authorAt(index) {
    const s = spanAt(this.spans, index);
    return s ? s.name : null;
  }
}
