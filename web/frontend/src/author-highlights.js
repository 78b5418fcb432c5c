// "Show authors" in the page: colours the live editor's text by author with the CSS Custom
// Highlight API (ranges over Quill's DOM, no change to the document or its DOM, so nothing of it
// can be typed into or sent), and puts the author's name under the pointer into the editor's
// tooltip. The spans come from authorship.js; the DOM ranges from quill-ranges.js.
import { PALETTE, tint } from './colors.js';
import { rangeOf, indexAt } from './quill-ranges.js';

const NAME = (i) => 'verso-author-' + i;

/** Whether this browser can colour ranges without touching the DOM. */
export const supported = () => typeof CSS !== 'undefined' && 'highlights' in CSS && typeof Highlight === 'function';

/** One style rule per palette colour, added once. */
function ensureStyle() {
  if (document.getElementById('author-highlights')) return;
  const rules = PALETTE.map((c, i) => '::highlight(' + NAME(i) + ') { background-color: ' + tint(c, '55') + '; }');
  document.head.append(Object.assign(document.createElement('style'), { id: 'author-highlights', textContent: rules.join('\n') }));
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
