// What the document list asks for and says, without the DOM: the query string of GET /api/docs
// from the search box and the sort and filter choices, a search the server would refuse, where a
// result was found, the message of an empty list (what to do next), and how long a trashed
// document has left. Tested with node --test.

/** The longest search the server takes (DocListRequest.MAX_QUERY). */
export const MAX_QUERY = 100;
/** The most words a search may have (DocListRequest.MAX_WORDS): more is refused, never cut. */
export const MAX_WORDS = 10;
/** The search box's name and placeholder: it finds titles and the documents' text. */
export const SEARCH_LABEL = 'Search titles and text';
/** What a result found only in its text (not in its title) says. */
export const FOUND_IN_TEXT = 'Found in the text';
/** How many documents the list asks for at most. */
export const PAGE_SIZE = 200;
export const SORTS = Object.freeze([['edited', 'Last edited'], ['title', 'Title']]);
export const FILTERS = Object.freeze([['all', 'All documents'], ['mine', 'Owned by me'], ['shared', 'Shared with me']]);

/** GET /api/docs with the search (trimmed, cut to MAX_QUERY), sort and filter; defaults are left out. */
export function docsPath({ query = '', sort = 'edited', filter = 'all' } = {}) {
  const params = new URLSearchParams();
  const q = query.trim().slice(0, MAX_QUERY);
  if (q) params.set('q', q);
  if (sort !== 'edited') params.set('sort', sort);
  if (filter !== 'all') params.set('filter', filter);
  params.set('limit', String(PAGE_SIZE));
  return '/api/docs?' + params.toString();
}

/**
 * The distinct words of a search as the server counts them (SearchWords): NFC, runs of letters,
 * digits and combining marks, lower-cased.
 */
export function searchWords(query = '') {
  const words = query.normalize('NFC').match(/[\p{L}\p{N}\p{M}]+/gu) || [];
  return [...new Set(words.map((w) => lowerEach(w)))];
}

// code point by code point, as the server does (no context-sensitive mappings)
function lowerEach(word) {
  let out = '';
  for (const ch of word) {
    const lower = ch.toLowerCase();
    out += [...lower].length === 1 ? lower : ch;
  }
  return out;
}

/** Why the search cannot be asked as typed, or null: too many words (the server would refuse it). */
export function searchProblem(query = '') {
  const n = searchWords(query.trim().slice(0, MAX_QUERY)).length;
  return n > MAX_WORDS ? `Search with at most ${MAX_WORDS} words (this has ${n}).` : null;
}

/** The note beside a listed document: where the search found it, when only in its text. */
export function matchNote(doc) {
  return doc && doc.match === 'text' ? FOUND_IN_TEXT : '';
}

/** The empty list's message: nothing matches the search or filter, or there is nothing at all yet. */
export function emptyMessage({ query = '', filter = 'all' } = {}) {
  if (query.trim()) return `No document has “${query.trim()}” in its title or text. Try fewer letters, or another filter.`;
  if (filter === 'mine') return 'You own no documents yet. Create one above.';
  if (filter === 'shared') return 'Nothing is shared with you yet. When someone shares a document with you, it shows here.';
  return 'No documents yet. Give your first one a title above and press Create.';
}

/** The empty trash's message. */
export const EMPTY_TRASH = 'The trash is empty. A document you move to the trash can be restored from here until it is deleted forever.';

/** "Deleted forever in 29 days" (today, tomorrow) for a trashed document purged at purgeAt. */
export function purgeIn(purgeAt, now = Date.now()) {
  const days = Math.floor((purgeAt - now) / 86_400_000);
  if (days <= 0) return 'Deleted forever within a day';
  if (days === 1) return 'Deleted forever in 1 day';
  return `Deleted forever in ${days} days`;
}
