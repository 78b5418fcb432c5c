import { test } from 'node:test';
import assert from 'node:assert/strict';
import Delta from 'quill-delta';
import { oneLineCell, freshRows, startsWithTable, keepAccepted, pasteNotice, TABLE_NOTICE, FORMAT_NOTICE } from '../src/pasted.js';

test('a pasted cell is one line: inner line breaks become spaces, an empty or header cell still ends its line', () => {
  const cell = new Delta().insert('Pear', { bold: true }).insert('\n', { header: 2 }).insert('(green)').insert('\n', { table: 3 });
  assert.deepEqual(oneLineCell(cell).ops, [{ insert: 'Pear', attributes: { bold: true } }, { insert: ' (green)\n' }]);
  assert.deepEqual(oneLineCell(new Delta()).ops, [{ insert: '\n' }], 'an empty cell');
  assert.deepEqual(oneLineCell(new Delta().insert('Fruit')).ops, [{ insert: 'Fruit\n' }], 'a th: Quill ends no line after it');
});

test('pasted rows get fresh ids of the form the server takes, one per row, and table lines no other block format', () => {
  let n = 0;
  const pasted = new Delta().insert('Fruit\nQty\n', { table: 1 }).insert('Pear').insert('\n', { table: 2, header: 1 })
    .insert('after\n', { list: 'bullet' });
  assert.deepEqual(freshRows(pasted, () => 'row-' + (++n)).ops, [
    { insert: 'Fruit\nQty\n', attributes: { table: 'row-1' } },
    { insert: 'Pear' },
    { insert: '\n', attributes: { table: 'row-2' } },
    { insert: 'after\n', attributes: { list: 'bullet' } },
  ]);
  assert.ok(startsWithTable(pasted));
  assert.ok(!startsWithTable(new Delta().insert('a\n').insert('b\n', { table: 1 })));
});

test('tables are accepted; attributes and embeds the server does not take are left out, the rest kept', () => {
  const pasted = new Delta()
    .insert('Fruit', { table: 'row-1', bold: true })
    .insert('\n', { table: 'row-1' })
    .insert({ video: 'https://example.com/v' })
    .insert({ image: 'https://example.com/a.png' }, { width: '10', 'data-x': 'y' })
    .insert('plain\n', { header: 2 });
  const { delta, dropped } = keepAccepted(pasted);
  assert.deepEqual(delta.ops, [
    { insert: 'Fruit', attributes: { table: 'row-1', bold: true } },
    { insert: '\n', attributes: { table: 'row-1' } },
    { insert: { image: 'https://example.com/a.png' }, attributes: { width: '10' } },
    { insert: 'plain\n', attributes: { header: 2 } },
  ]);
  assert.deepEqual([...dropped].sort(), ['data-x', 'video']);
});

test('what is accepted passes unchanged and nothing is told', () => {
  const pasted = new Delta().insert('a', { bold: true, link: 'https://example.com/' }).insert('\n', { list: 'bullet' });
  const { delta, dropped } = keepAccepted(pasted);
  assert.deepEqual(delta.ops, pasted.ops);
  assert.equal(pasteNotice(false, dropped), null);
});

test('a table inside a cell is told as such; other formats left out are told too', () => {
  assert.equal(pasteNotice(true, new Set()), TABLE_NOTICE);
  assert.equal(pasteNotice(false, new Set(['video'])), FORMAT_NOTICE);
  assert.equal(pasteNotice(false, new Set()), null);
});
