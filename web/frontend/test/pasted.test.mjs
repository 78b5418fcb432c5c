import { test } from 'node:test';
import assert from 'node:assert/strict';
import Delta from 'quill-delta';
import { tableText, keepAccepted, pasteNotice, TABLE_NOTICE, FORMAT_NOTICE } from '../src/pasted.js';

test('a table becomes its text: tabs between cells, a line per row, whitespace inside a cell collapsed', () => {
  assert.equal(tableText([['Fruit', 'Qty'], ['Apple', ' 3 '], ['Pear\n  (green)', '']]),
    'Fruit\tQty\nApple\t3\nPear (green)\t\n');
});

test('attributes and embeds the server does not take are left out, the text and the accepted ones kept', () => {
  const pasted = new Delta()
    .insert('Fruit', { table: 1, bold: true })
    .insert('\n', { table: 1 })
    .insert({ video: 'https://example.com/v' })
    .insert({ image: 'https://example.com/a.png' }, { width: '10', 'data-x': 'y' })
    .insert('plain\n', { header: 2 });
  const { delta, dropped } = keepAccepted(pasted);
  assert.deepEqual(delta.ops, [
    { insert: 'Fruit', attributes: { bold: true } },
    { insert: '\n' },
    { insert: { image: 'https://example.com/a.png' }, attributes: { width: '10' } },
    { insert: 'plain\n', attributes: { header: 2 } },
  ]);
  assert.deepEqual([...dropped].sort(), ['data-x', 'table', 'video']);
});

test('what is accepted passes unchanged and nothing is told', () => {
  const pasted = new Delta().insert('a', { bold: true, link: 'https://example.com/' }).insert('\n', { list: 'bullet' });
  const { delta, dropped } = keepAccepted(pasted);
  assert.deepEqual(delta.ops, pasted.ops);
  assert.equal(pasteNotice(false, dropped), null);
});

test('a table is told as such; other formats left out are told too', () => {
  assert.equal(pasteNotice(true, new Set()), TABLE_NOTICE);
  assert.equal(pasteNotice(false, new Set(['table'])), TABLE_NOTICE);
  assert.equal(pasteNotice(false, new Set(['video'])), FORMAT_NOTICE);
});
