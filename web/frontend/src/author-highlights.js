// "Show authors" in the page: colours the live editor's text by author with the CSS Custom
// Highlight API (ranges over Quill's DOM, no change to the document or its DOM, so nothing of it
// can be typed into or sent), and puts the author's name under the pointer into the editor's
// tooltip. The spans come from authorship.js.
import Quill from 'quill';
import { PALETTE, tint } from './colors.js';

const NAME = (i) => 'verso-author-' + i;

/** Whether this browser can colour ranges without touching the DOM. */
export const supported = () => typeof CSS !== 'undefined' && 'highlights' in CSS && typeof Highlight === 'function';

/** One style rule per palette colour, added once. */
function ensureStyle() {
  if (document.getElementById('author-highlights')) return;
  const rules = PALETTE.map((c, i) => '::highlight(' + NAME(i) + ') { background-color: ' + tint(c, '55') + '; }');
  document.head.append(Object.assign(document.createElement('style'), { id: 'author-highlights', textContent: rules.join('\n') }));
}

/** The DOM point of a document index, as Quill's selection computes it. */
function domPoint(quill, index) {
  const [leaf, offset] = quill.getLeaf(index);
  return leaf ? leaf.position(offset, true) : null;
}

function rangeOf(quill, span) {
  // the last line break has no leaf after it, and nothing to colour
  const to = Math.min(span.index + span.length, quill.getLength() - 1);
  if (to <= span.index) return null;
  const start = domPoint(quill, span.index);
  const end = domPoint(quill, to);
  if (!start || !end) return null;
  const range = document.createRange();
  range.setStart(start[0], start[1]);
  range.setEnd(end[0], end[1]);
  return range;
}

/** The document index under the pointer, or -1. */
function indexAt(quill, x, y) {
  let node = null;
  let offset = 0;
  if (document.caretPositionFromPoint) {
    const p = document.caretPositionFromPoint(x, y);
    if (p) { node = p.offsetNode; offset = p.offset; }
  } else if (document.caretRangeFromPoint) {
    const r = document.caretRangeFromPoint(x, y);
    if (r) { node = r.startContainer; offset = r.startOffset; }
  }
  const blot = node && node.nodeType === Node.TEXT_NODE ? Quill.find(node, true) : null;
  return blot && blot.scroll === quill.scroll ? quill.getIndex(blot) + offset : -1;
}

export class AuthorHighlights {
  /** @param authorAt (index) → the author's name at index, or null */
  constructor(quill, authorAt) {
    this.quill = quill;
    this.painted = false;
    this.onMove = (ev) => {
      if (!this.painted) return;
      const i = indexAt(quill, ev.clientX, ev.clientY);
      // the caret lands between two characters: the one under the pointer is either side
      const name = i < 0 ? null : authorAt(i) || (i > 0 ? authorAt(i - 1) : null);
      if (name) quill.root.setAttribute('title', name);
      else quill.root.removeAttribute('title');
    };
    quill.root.addEventListener('mousemove', this.onMove);
  }

  paint(spans) {
    if (!supported()) return;
    ensureStyle();
    const byColor = PALETTE.map(() => []);
    for (const s of spans) {
      const range = rangeOf(this.quill, s);
      if (range) byColor[Math.max(0, PALETTE.indexOf(s.color))].push(range);
    }
    byColor.forEach((ranges, i) => {
      if (ranges.length) CSS.highlights.set(NAME(i), new Highlight(...ranges));
      else CSS.highlights.delete(NAME(i));
    });
    this.painted = true;
  }

  clear() {
    if (supported()) PALETTE.forEach((c, i) => CSS.highlights.delete(NAME(i)));
    this.quill.root.removeAttribute('title');
    this.painted = false;
  }

  stop() {
    this.clear();
    this.quill.root.removeEventListener('mousemove', this.onMove);
  }
}
