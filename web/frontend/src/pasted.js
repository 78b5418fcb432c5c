// What a paste puts into the document is only what the server takes (protocol's formats.json, the
// edit-service's FormatPolicy): a paste the server refused would be undone whole, its text lost with
// the one format it could not take. So, before the op is made: a table becomes its text (cells
// separated by tabs, rows by lines, as spreadsheets copy it), any other attribute or embed the server
// does not take is left out, and the user is told. The functions below need no DOM (test/pasted.test.mjs);
// guardPastes wires them into Quill's clipboard.
import Delta from 'quill-delta';
import { ACCEPTED_ATTRIBUTES, ACCEPTED_EMBEDS } from './formats.js';

export const TABLE_NOTICE = 'Table formatting isn’t supported yet — pasted as text';
export const FORMAT_NOTICE = 'Some formatting isn’t supported yet and was left out of the paste';

/** A table's text from its rows' cells' texts: tabs between cells, a line per row. */
export function tableText(rows) {
  return rows.map((cells) => cells.map((c) => c.replace(/\s+/g, ' ').trim()).join('\t')).join('\n') + '\n';
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
export function pasteNotice(sawTable, dropped) {
  if (sawTable || dropped.has('table')) return TABLE_NOTICE;
  return dropped.size > 0 ? FORMAT_NOTICE : null;
}

/** Pastes into quill keep only what the server accepts; tell(message) says what was left out. */
export function guardPastes(quill, tell) {
  const clipboard = quill.clipboard;
  let sawTable = false;
  clipboard.addMatcher('TABLE', (node) => {
    sawTable = true;
    return new Delta().insert(tableText(Array.from(node.rows, (row) => Array.from(row.cells, (cell) => cell.textContent))));
  });
  const convert = clipboard.convert.bind(clipboard);
  clipboard.convert = (...args) => {
    sawTable = false;
    const { delta, dropped } = keepAccepted(convert(...args));
    const notice = pasteNotice(sawTable, dropped);
    if (notice) tell(notice);
    return delta;
  };
}
