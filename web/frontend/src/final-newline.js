// A change Quill works out by diffing (when the page's DOM did not come out exactly as the change
// said, as for a table pasted in the middle of a line) may put new lines after the document's final
// newline instead of before it: the same document, but the server refuses such an op (422 "insert
// after the final newline") and the page would undo the paste. Such a change is rewritten as the
// equivalent one that inserts before the final newline (and, if needed, formats it); any other
// change passes as it is. No DOM (test/final-newline.test.mjs).
import Delta, { AttributeMap } from 'quill-delta';

/** Whether change inserts at or past position length (the old document's length, final newline included). */
export function insertsAfterEnd(change, length) {
  let pos = 0;
  for (const op of change.ops) {
    if (op.insert !== undefined) {
      if (pos >= length) return true;
    } else if (op.delete !== undefined) {
      pos += op.delete;
    } else {
      pos += typeof op.retain === 'number' ? op.retain : 1;
    }
  }
  return false;
}

function endsWithNewline(doc) {
  const last = doc.ops[doc.ops.length - 1];
  return last !== undefined && typeof last.insert === 'string' && last.insert.endsWith('\n');
}

/** change (applied to old, a document ending with a newline) with its inserts before the final newline. */
export function beforeFinalNewline(change, old) {
  if (!endsWithNewline(old) || !insertsAfterEnd(change, old.length())) return change;
  const now = old.compose(change);
  if (!endsWithNewline(now)) return change; // not Quill's document model: left to the server to judge
  const body = (doc) => doc.slice(0, doc.length() - 1);
  const last = (doc) => doc.slice(doc.length() - 1).ops[0].attributes || {};
  const before = body(old);
  const rewritten = before.diff(body(now));
  const consumed = rewritten.ops.reduce((n, op) => n + (op.delete || (typeof op.retain === 'number' ? op.retain : 0)), 0);
  const format = AttributeMap.diff(last(old), last(now));
  if (!format) return rewritten;
  return rewritten.concat(new Delta().retain(before.length() - consumed).retain(1, format));
}
