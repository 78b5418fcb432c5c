import { test } from 'node:test';
import assert from 'node:assert/strict';
import Delta from 'quill-delta';
import { insertsAfterEnd, beforeFinalNewline } from '../src/final-newline.js';

const old = new Delta().insert('Lead \n');

test('a change inserting after the final newline becomes the same document made before it', () => {
  // as Quill diffed a table pasted after "Lead ": the equal "Lead \n" first, then the table and a newline
  const change = new Delta().retain(6).insert('a').insert('\n', { table: 'row-1' }).insert('\n');
  assert.ok(insertsAfterEnd(change, old.length()));
  const fixed = beforeFinalNewline(change, old);
  assert.ok(!insertsAfterEnd(fixed, old.length()), JSON.stringify(fixed.ops));
  assert.deepEqual(old.compose(fixed), old.compose(change));
});

test('the final newline takes the new last line format when the change gives it one', () => {
  const change = new Delta().retain(6).insert('x').insert('\n', { header: 2 });
  const fixed = beforeFinalNewline(change, old);
  assert.ok(!insertsAfterEnd(fixed, old.length()));
  assert.deepEqual(old.compose(fixed), old.compose(change));
  assert.deepEqual(old.compose(fixed).ops, [{ insert: 'Lead \nx' }, { insert: '\n', attributes: { header: 2 } }]);
});

test('a change to a document without its final newline (a half-rendered page) passes unchanged', () => {
  const change = new Delta().insert('x\n');
  assert.equal(beforeFinalNewline(change, new Delta()), change);
  assert.equal(beforeFinalNewline(change, new Delta().insert('ab')), change);
});

test('other changes pass unchanged', () => {
  for (const change of [new Delta().retain(5).insert('!'), new Delta().delete(2), new Delta().retain(5).retain(1, { header: 1 })]) {
    assert.equal(beforeFinalNewline(change, old), change);
  }
});
