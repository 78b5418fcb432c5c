// The table tools' logic, without DOM (test/tables.test.mjs): what the Table menu offers (Quill 2's
// table module does each: insertTable, insertRowAbove, …), which items work where, the size a new
// table gets, and fresh row ids of the form the server takes (row-[a-z0-9]{1,16}).

/** The menu's items beyond Insert table: the table module's method and the item's name. */
export const TABLE_ACTIONS = Object.freeze([
  ['insertRowAbove', 'Add row above'],
  ['insertRowBelow', 'Add row below'],
  ['insertColumnLeft', 'Add column left'],
  ['insertColumnRight', 'Add column right'],
  ['deleteRow', 'Delete row'],
  ['deleteColumn', 'Delete column'],
  ['deleteTable', 'Delete table'],
]);

export const DEFAULT_SIZE = 3;
export const MAX_ROWS = 50;
export const MAX_COLUMNS = 12;

/** A new table's rows and columns from the menu's fields: whole numbers within 1..max, the default when unreadable. */
export function tableSize(rows, columns) {
  const clamp = (v, max) => {
    const n = Number.parseInt(v, 10);
    return Number.isFinite(n) ? Math.min(max, Math.max(1, n)) : DEFAULT_SIZE;
  };
  return { rows: clamp(rows, MAX_ROWS), columns: clamp(columns, MAX_COLUMNS) };
}

/** Whether an item works now: Insert table outside a table, the others inside one; nothing while read-only. */
export function itemEnabled(action, inTable, writable) {
  if (!writable) return false;
  return action === 'insertTable' ? !inTable : inTable;
}

/** A fresh row id: "row-" and 8 base-36 characters (random: two people's new rows never share one). */
export function newRowId(random = (n) => crypto.getRandomValues(new Uint8Array(n))) {
  return 'row-' + Array.from(random(8), (b) => (b % 36).toString(36)).join('');
}
