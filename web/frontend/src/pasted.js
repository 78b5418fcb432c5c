// What a paste puts into the document is only what the server takes (protocol's formats.json, the
// edit-service's FormatPolicy): a paste the server refused would be undone whole, its text lost with
// the one format it could not take. So, before the op is made: a table from a web page or a
// spreadsheet stays a table (Quill 2's table format: each cell a line, its row's id on it), made to
// fit that model — a cell is one line (lines inside a cell joined by spaces; a table inside a cell
// becomes its text, with a notice), header and empty cells are cells, rows get fresh ids of the form
// the server takes (the clipboard numbers them 1, 2, …, and two pastes of one table must not merge
// their rows), a cell is no heading, list, quote or code block — and any other attribute or embed
// the server does not take is left out, and the user told. The functions below need no DOM
// (test/pasted.test.mjs); guardPastes wires them into Quill's clipboard.
import Delta from 'quill-delta';
import { ACCEPTED_ATTRIBUTES, ACCEPTED_EMBEDS } from './formats.js';

export const TABLE_NOTICE = 'A table inside a table cell isn’t supported — pasted as text';
export const FORMAT_NOTICE = 'Some formatting isn’t supported yet and was left out of the paste';

/** Line formats that make a line another block than a table cell: a cell cannot carry them. */
const OTHER_BLOCKS = ['header', 'list', 'blockquote', 'code-block'];

/**
 * A pasted cell's delta as one line: its inner line breaks become spaces (their line formats
 * dropped) and it ends with a line break carrying no table row yet (the row's matcher gives it).
 */
export function oneLineCell(delta) {
  const out = new Delta();
  const ops = delta.ops.filter((op) => op.insert !== undefined);
  ops.forEach((op, i) => {
    if (typeof op.insert !== 'string') { out.insert(op.insert, op.attributes); return; }
    const last = i === ops.length - 1 && op.insert.endsWith('\n');
    const body = (last ? op.insert.slice(0, -1) : op.insert).replace(/\n/g, ' ');
    const attributes = op.insert.includes('\n') ? undefined : op.attributes; // a break's attributes are line formats
    if (body) out.insert(body, attributes);
  });
  return out.insert('\n');
}

/**
 * The paste with each pasted table row's id replaced by a fresh one (newId(), Quill's tableId) and
 * no other block format on table lines.
 */
export function freshRows(delta, newId) {
  const ids = new Map();
  const out = new Delta();
  for (const op of delta.ops) {
    const row = op.attributes && op.attributes.table;
    if (row === undefined || row === null) { out.push(op); continue; }
    if (!ids.has(row)) ids.set(row, newId());
    const attributes = { ...op.attributes, table: ids.get(row) };
    OTHER_BLOCKS.forEach((name) => delete attributes[name]);
    out.insert(op.insert, attributes);
  }
  return out;
}

/** Whether a pasted delta starts with a table line (its first line break carries a row). */
export function startsWithTable(delta) {
  for (const op of delta.ops) {
    if (typeof op.insert === 'string' && op.insert.includes('\n')) return Boolean(op.attributes && op.attributes.table);
  }
  return false;
}

/**
 * The delta with only what the server accepts: other attributes removed, other embeds left out.
 * @returns {{delta: Delta, dropped: Set<string>}} dropped: the names taken out
 */
export function keepAccepted(delta) {
  const dropped = new Set();
  const out = new Delta();
  for (const op of delta.ops) {
    if (op.insert === undefined) {
      out.push(op);
      continue;
    }
    if (typeof op.insert === 'object') {
      const unknown = Object.keys(op.insert).filter((k) => !ACCEPTED_EMBEDS.has(k));
      if (unknown.length > 0) {
        unknown.forEach((k) => dropped.add(k));
        continue;
      }
    }
    const attributes = {};
    for (const [name, value] of Object.entries(op.attributes || {})) {
      if (ACCEPTED_ATTRIBUTES.has(name)) attributes[name] = value;
      else dropped.add(name);
    }
    out.insert(op.insert, Object.keys(attributes).length > 0 ? attributes : undefined);
  }
  return { delta: out, dropped };
}

/** What to tell the user about a paste: null when nothing was left out. */
export function pasteNotice(sawNestedTable, dropped) {
  if (sawNestedTable) return TABLE_NOTICE;
  return dropped.size > 0 ? FORMAT_NOTICE : null;
}

/**
 * Pastes into quill keep only what the server accepts, tables as tables; tell(message) says what was
 * left out; newId makes a row id (Quill's tableId).
 */
export function guardPastes(quill, tell, newId) {
  const clipboard = quill.clipboard;
  let sawNestedTable = false;
  // after Quill's own matchers (a td is a line, a th is not); the row's matcher (tr) comes after the cells'
  clipboard.addMatcher('TD, TH', (node, delta) => {
    if (node.querySelector('table')) sawNestedTable = true;
    return oneLineCell(delta);
  });
  const convert = clipboard.convert.bind(clipboard);
  clipboard.convert = (...args) => {
    sawNestedTable = false;
    const { delta, dropped } = keepAccepted(freshRows(convert(...args), newId));
    const notice = pasteNotice(sawNestedTable, dropped);
    if (notice) tell(notice);
    // a table pasted in the middle of a line starts on a line of its own (the text before stays out of it)
    const range = quill.getSelection();
    if (range && range.index > 0 && startsWithTable(delta) && quill.getText(range.index - 1, 1) !== '\n') {
      return new Delta().insert('\n').concat(delta);
    }
    return delta;
  };
}
