import { test } from 'node:test';
import assert from 'node:assert/strict';
import Delta from 'quill-delta';
import { redline } from '../src/redline.js';

const style = {
  inserted: (author) => ({ background: 'ins-' + author }),
  deleted: (author) => ({ strike: true, color: 'del-' + author }),
};

/** The marked document with its marks taken out again: what the newer revision holds. */
function unmarked(ops) {
  const out = new Delta();
  for (const op of ops) {
    const a = { ...(op.attributes || {}) };
    if (a.strike === true && String(a.color).startsWith('del-')) continue; // deleted text
    if (String(a.background).startsWith('ins-')) delete a.background;
    out.insert(op.insert, Object.keys(a).length ? a : undefined);
  }
  return out;
}

test('inserts marked with their author, deletes put back struck with theirs, the rest as it is', () => {
  const content = [{ insert: 'Hello big world\n' }];
  const diff = [{ retain: 6 }, { delete: 4, author: 'bob' }, { retain: 5 }, { insert: '!', author: 'ann' }];
  assert.deepEqual(redline(content, diff, style), [
    { insert: 'Hello ' },
    { insert: 'big ', attributes: { strike: true, color: 'del-bob' } },
    { insert: 'world' },
    { insert: '!', attributes: { background: 'ins-ann' } },
    { insert: '\n' },
  ]);
});

test('formatting changes apply, removed attributes go, embeds count one', () => {
  const content = [{ insert: 'ab', attributes: { bold: true } }, { insert: { image: 'x.png' } }, { insert: 'c\n' }];
  const diff = [{ retain: 2, attributes: { bold: null, italic: true } }, { delete: 1, author: 'ann' }, { insert: { image: 'y.png' }, author: 'bob' }];
  assert.deepEqual(redline(content, diff, style), [
    { insert: 'ab', attributes: { italic: true } },
    { insert: { image: 'x.png' }, attributes: { strike: true, color: 'del-ann' } },
    { insert: { image: 'y.png' }, attributes: { background: 'ins-bob' } },
    { insert: 'c\n' },
  ]);
});

test('random changes: without its marks the redline is the newer revision', () => {
  let seed = 7;
  const rnd = (n) => { seed = (seed * 1103515245 + 12345) & 0x7fffffff; return seed % n; };
  for (let round = 0; round < 300; round++) {
    let doc = new Delta().insert('x'.repeat(rnd(20)) + '\n');
    const base = doc;
    let change = new Delta();
    for (let k = 0; k < 4; k++) {
      const len = doc.length() - 1;
      const at = rnd(len + 1);
      const step = rnd(2) === 0 || len === at
        ? new Delta().retain(at).insert('abc'.slice(0, 1 + rnd(3)), rnd(2) ? { bold: true } : undefined)
        : new Delta().retain(at).delete(1 + rnd(len - at));
      doc = doc.compose(step);
      change = change.compose(step);
    }
    const diff = change.ops.map((op) => ({ ...op, author: op.retain === undefined ? 'u' + rnd(3) : undefined }));
    assert.deepEqual(unmarked(redline(base.ops, diff, style)).ops, doc.ops, JSON.stringify({ base, change }));
  }
});
