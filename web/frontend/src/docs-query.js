// What the document list asks for and says, without the DOM: the query string of GET /api/docs
// from the search box and the sort and filter choices, the message of an empty list (what to do
// next), and how long a trashed document has left. Tested with node --test.

/** The longest search the server takes (DocListRequest.MAX_QUERY). */
export const MAX_QUERY = 100;
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

/** The empty list's message: nothing matches the search or filter, or there is nothing at all yet. */
export function emptyMessage({ query = '', filter = 'all' } = {}) {
  if (query.trim()) return `No document title contains “${query.trim()}”. Try fewer letters, or another filter.`;
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
