import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TABLE_ACTIONS, tableSize, itemEnabled, newRowId, MAX_ROWS, MAX_COLUMNS } from '../src/tables.js';

test('a new table is 3 × 3 unless told, within 1..50 rows and 1..12 columns', () => {
  assert.deepEqual(tableSize('', undefined), { rows: 3, columns: 3 });
  assert.deepEqual(tableSize('2', '4'), { rows: 2, columns: 4 });
  assert.deepEqual(tableSize('0', '-3'), { rows: 1, columns: 1 });
  assert.deepEqual(tableSize('1000', '99'), { rows: MAX_ROWS, columns: MAX_COLUMNS });
});

test('Insert table works outside a table, the row and column items inside one, nothing while read-only', () => {
  assert.equal(itemEnabled('insertTable', false, true), true);
  assert.equal(itemEnabled('insertTable', true, true), false);
  for (const [action] of TABLE_ACTIONS) {
    assert.equal(itemEnabled(action, true, true), true, action);
    assert.equal(itemEnabled(action, false, true), false, action);
    assert.equal(itemEnabled(action, true, false), false, action);
  }
  assert.deepEqual(TABLE_ACTIONS.map(([a]) => a), ['insertRowAbove', 'insertRowBelow', 'insertColumnLeft',
    'insertColumnRight', 'deleteRow', 'deleteColumn', 'deleteTable']);
});

test('row ids have the form the server takes', () => {
  for (let i = 0; i < 100; i++) assert.match(newRowId(), /^row-[a-z0-9]{1,16}$/);
  assert.equal(newRowId(() => [0, 1, 35, 36, 71, 200, 255, 10]), 'row-01z0zk3a');
});
