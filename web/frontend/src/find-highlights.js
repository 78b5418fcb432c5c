// The find bar's matches marked in the live editor with the CSS Custom Highlight API, as
// comment-highlights.js marks comments: ranges over Quill's DOM, nothing written into the document,
// so nothing of it is typed into or sent. Two marks: the matches, and the current one over them
// (their colours are in style.css, above comments').
import { rangeOf } from './quill-ranges.js';
import { supported } from './author-highlights.js';

export const FIND_MARKS = Object.freeze({ all: 'verso-find', current: 'verso-find-current' });

export class FindHighlights {
  constructor(quill) {
    this.quill = quill;
  }

  /** @param spans the matches to mark ({index, length}); @param current the current one, or null */
  paint(spans, current) {
    if (!supported()) return;
    this.set(FIND_MARKS.all, spans, 2);
    this.set(FIND_MARKS.current, current ? [current] : [], 3);
  }

  set(name, spans, priority) {
    const ranges = spans.map((s) => rangeOf(this.quill, s)).filter((r) => r !== null);
    if (ranges.length === 0) { CSS.highlights.delete(name); return; }
    const h = new Highlight(...ranges);
    h.priority = priority; // over comments' marks (0 and 1)
    CSS.highlights.set(name, h);
  }

  clear() {
    if (supported()) Object.values(FIND_MARKS).forEach((name) => CSS.highlights.delete(name));
  }
}
