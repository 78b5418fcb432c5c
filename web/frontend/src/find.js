// Find and replace, the logic without the page: the document's text with its indices (an embed is one
// U+FFFC, as it is one unit of the document), the matches of a query in it (case, whole word), which
// match is current, what the count says, and the change that replaces matches. The view
// (find-panel.js) keeps the matches current and sends the change as the user's own edit.
import Delta from 'quill-delta';

/** What an embed (image, …) is in the searched text: one character no query may hold. */
export const EMBED = '\uFFFC';

/** The document's text, one character per document unit (so a match's index is the document's). */
export function documentText(ops) {
  let text = '';
  for (const op of ops) {
    if (typeof op.insert === 'string') text += op.insert;
    else if (op.insert !== undefined) text += EMBED;
  }
  return text;
}

const WORD = /[\p{L}\p{N}\p{M}_]/u;

function isHighSurrogate(c) {
  return c >= 0xd800 && c <= 0xdbff;
}

/** The code point that ends at `end` in text ('' at the start). */
function codePointBefore(text, end) {
  if (end <= 0) return '';
  const from = end >= 2 && isHighSurrogate(text.charCodeAt(end - 2)) && !isHighSurrogate(text.charCodeAt(end - 1)) ? end - 2 : end - 1;
  return text.slice(from, end);
}

function codePointAt(text, at) {
  const c = text.codePointAt(at);
  return c === undefined ? '' : String.fromCodePoint(c);
}

/** Whether text[index, index + length) stands alone: no letter, digit or underscore touches it. */
export function isWholeWord(text, index, length) {
  return !WORD.test(codePointBefore(text, index)) && !WORD.test(codePointAt(text, index + length));
}

function escapeRegExp(s) {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'); // only what 'u' allows escaped
}

/**
 * The matches of `query` in `text`, in order and not overlapping, each {index, length}; at most
 * `limit` of them. A query with a line break or an embed in it matches nothing (the find box is one
 * line, and an embed is no text).
 */
export function findMatches(text, query, { matchCase = false, wholeWord = false } = {}, limit = Infinity) {
  if (!query || /[\n\r]/.test(query) || query.includes(EMBED)) return [];
  // the query as literal text; 'u' so that a letter's case is matched by code point, not by halves
  const re = new RegExp(escapeRegExp(query), matchCase ? 'gu' : 'giu');
  const found = [];
  let m;
  while (found.length < limit && (m = re.exec(text)) !== null) {
    if (!wholeWord || isWholeWord(text, m.index, m[0].length)) {
      found.push({ index: m.index, length: m[0].length });
    } else {
      // a whole-word match may still start inside this one: on from its next character (a whole code
      // point: 'u' would move an index inside a surrogate pair back to the pair, and loop for ever)
      re.lastIndex = m.index + codePointAt(text, m.index).length;
    }
  }
  return found;
}

/** The position in `matches` of the first match at or after `index` (wrapping to the first); -1 if none. */
export function matchFrom(matches, index) {
  if (matches.length === 0) return -1;
  let lo = 0;
  let hi = matches.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (matches[mid].index < index) lo = mid + 1;
    else hi = mid;
  }
  return lo === matches.length ? 0 : lo;
}

/** The match after (step 1) or before (step -1) `current`, wrapping around; -1 if none. */
export function step(current, count, by) {
  if (count === 0) return -1;
  if (current < 0) return by > 0 ? 0 : count - 1;
  return (((current + by) % count) + count) % count;
}

/** What the find bar says: "3 of 12", "No results", or nothing before a query. */
export function countText(query, current, count) {
  if (!query) return '';
  if (count === 0) return 'No results';
  return (current + 1) + ' of ' + count;
}

/**
 * The change replacing each of `matches` (in order, not overlapping) in the document `ops` with
 * `replacement`, as one delta: the replacement takes the formatting of the match's first character
 * (bold stays bold, a link stays a link). Line breaks in the replacement become spaces (the box is
 * one line; a line break would split the paragraph).
 */
export function replaceDelta(ops, matches, replacement) {
  const text = String(replacement).replace(/\r\n|[\r\n]/g, ' ');
  const change = new Delta();
  let at = 0; // where the change has got to in the document
  let op = 0; // the op holding position `opStart`
  let opStart = 0;
  for (const m of matches) {
    while (op < ops.length && opStart + opLength(ops[op]) <= m.index) opStart += opLength(ops[op++]);
    const attributes = op < ops.length ? ops[op].attributes : undefined;
    change.retain(m.index - at);
    if (text) change.insert(text, attributes ? { ...attributes } : undefined);
    change.delete(m.length);
    at = m.index + m.length;
  }
  return change;
}

function opLength(op) {
  return typeof op.insert === 'string' ? op.insert.length : 1;
}
