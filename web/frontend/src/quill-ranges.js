// Between Quill's document and its DOM, for what is painted over the text without touching it (the
// CSS Custom Highlight API: authors' colours, comments): the DOM range of a span of the document,
// and the document index under the pointer.
import Quill from 'quill';

/** The DOM point of a document index, as Quill's selection computes it. */
function domPoint(quill, index) {
  const [leaf, offset] = quill.getLeaf(index);
  return leaf ? leaf.position(offset, true) : null;
}

/** The DOM Range of a span {index, length} of the document, or null when it holds no text. */
export function rangeOf(quill, span) {
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
export function indexAt(quill, x, y) {
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
