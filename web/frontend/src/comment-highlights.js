// The commented text marked in the live editor with the CSS Custom Highlight API, as
// author-highlights.js colours authors: ranges over Quill's DOM, nothing in the document or its DOM,
// so nothing of it can be typed into or sent. Three marks: every shown thread's text, the focused
// thread's, and the text a comment being written is about.
import { rangeOf } from './quill-ranges.js';
import { supported } from './author-highlights.js';

export const MARKS = Object.freeze({ all: 'verso-comment', focused: 'verso-comment-focused', draft: 'verso-comment-draft' });

function ensureStyle() {
  if (document.getElementById('comment-highlights')) return;
  const rules = [
    '::highlight(' + MARKS.all + ') { background-color: #fde68a; }',
    '::highlight(' + MARKS.focused + ') { background-color: #fbbf24; }',
    '::highlight(' + MARKS.draft + ') { background-color: #bfdbfe; }',
  ];
  document.head.append(Object.assign(document.createElement('style'), { id: 'comment-highlights', textContent: rules.join('\n') }));
}

export class CommentHighlights {
  constructor(quill) {
    this.quill = quill;
  }

  /**
   * @param spans   the shown threads' ranges in the editor ({index, length}), detached ones left out
   * @param focused the focused thread's range, or null
   * @param draft   the range a new comment is being written about, or null
   */
  paint(spans, focused, draft) {
    if (!supported()) return;
    ensureStyle();
    this.set(MARKS.all, spans);
    this.set(MARKS.focused, focused ? [focused] : []);
    this.set(MARKS.draft, draft ? [draft] : []);
  }

  set(name, spans) {
    const ranges = spans.map((s) => rangeOf(this.quill, s)).filter((r) => r !== null);
    if (ranges.length) {
      const h = new Highlight(...ranges);
      h.priority = name === MARKS.all ? 0 : 1; // the focused thread and the draft over the others
      CSS.highlights.set(name, h);
    } else CSS.highlights.delete(name);
  }

  clear() {
    if (supported()) Object.values(MARKS).forEach((name) => CSS.highlights.delete(name));
  }
}
