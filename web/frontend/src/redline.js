// What changed between two revisions, as one document to show: the newer text with what was
// inserted marked in its author's style, and what was deleted put back, marked as deleted in its
// deleter's style (the history preview shows it read-only). No DOM: test/redline.test.mjs.
import Delta, { OpIterator, AttributeMap } from 'quill-delta';

const lengthOf = (op) => (typeof op.retain === 'number' ? op.retain : typeof op.delete === 'number' ? op.delete : 1);

/**
 * @param content the document at the older revision (delta ops)
 * @param diff    the change to the newer one (the diff route's ops: inserts and deletes carry
 *                `author`, retains may carry attribute changes)
 * @param style   {inserted(author) → attributes, deleted(author) → attributes} the marks
 * @returns the ops of the marked document: the newer revision's text and formatting, plus the
 *   deleted text at the place it was deleted from
 */
export function redline(content, diff, style) {
  const old = new OpIterator(content);
  const out = new Delta();
  for (const op of diff) {
    if (op.insert !== undefined) {
      out.insert(op.insert, { ...(op.attributes || {}), ...style.inserted(op.author) });
      continue;
    }
    let n = lengthOf(op);
    while (n > 0 && old.hasNext()) {
      const piece = old.next(n);
      n -= typeof piece.insert === 'string' ? piece.insert.length : 1;
      if (op.delete !== undefined) {
        out.insert(piece.insert, { ...(piece.attributes || {}), ...style.deleted(op.author) });
      } else {
        out.insert(piece.insert, AttributeMap.compose(piece.attributes, op.attributes, false));
      }
    }
  }
  while (old.hasNext()) {
    const piece = old.next();
    out.insert(piece.insert, piece.attributes);
  }
  return out.ops;
}
