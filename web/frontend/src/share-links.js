// Share links in this browser: a link's token, from a URL #/doc/<id>?link=<token>, kept per document
// (the token stays in the fragment, which no request, log or Referer carries), and sent with every API
// call (X-Verso-Link) and every socket frame (headers.link) about that document: the server checks
// it on each of them, so a link turned off or reset stops working at once. Pure: the store is injected
// (localStorage in the page, a Map in tests).

const PREFIX = 'verso.link.';
const TOKEN = /^[A-Za-z0-9_-]{43}$/;
const ID = '[A-Za-z0-9_-]{1,64}';
const LINK_HASH = new RegExp('^#/doc/(' + ID + ')\\?link=([A-Za-z0-9_-]{43})$');
const DOC_PATH = new RegExp('^/api/docs/(' + ID + ')(?:[/?]|$)');
const DOC_ADDRESS = new RegExp('^(?:doc|presence)\\.(' + ID + ')(?:\\.events)?$');

function memoryStore() {
  const m = new Map();
  return { getItem: (k) => (m.has(k) ? m.get(k) : null), setItem: (k, v) => m.set(k, String(v)), removeItem: (k) => m.delete(k) };
}

let store = memoryStore();

/** The store tokens live in (localStorage); null or absent: this page's memory only. */
export function useStore(s) {
  store = s || memoryStore();
}

/** {docId, token} of a share link's route, or null. */
export function parseLinkHash(hash) {
  const m = LINK_HASH.exec(hash || '');
  return m ? { docId: m[1], token: m[2] } : null;
}

/** The URL of a document's link (the app's own origin and path). */
export function linkUrl(base, docId, token) {
  return base + '#/doc/' + docId + '?link=' + token;
}

export function remember(docId, token) {
  if (TOKEN.test(token)) {
    try { store.setItem(PREFIX + docId, token); } catch (e) { /* storage full or off: this page only */ }
  }
}

export function tokenFor(docId) {
  try {
    const t = store.getItem(PREFIX + docId);
    return t && TOKEN.test(t) ? t : null;
  } catch (e) {
    return null;
  }
}

export function forget(docId) {
  try { store.removeItem(PREFIX + docId); } catch (e) { /* nothing kept */ }
}

/**
 * The cookie that lets this browser's <img> requests for the document's own images count its link
 * (an image request carries no header of ours): scoped to that document's image paths, same-site only,
 * and nothing the page does not hold already (the token is in this store). An empty token expires it.
 */
export function imageCookie(docId, token, secure) {
  const path = '/api/docs/' + docId + '/images/';
  return token && TOKEN.test(token)
    ? 'verso_link=' + token + '; Path=' + path + '; SameSite=Strict' + (secure ? '; Secure' : '')
    : 'verso_link=; Path=' + path + '; Max-Age=0; SameSite=Strict' + (secure ? '; Secure' : '');
}

/** The headers an API call to `path` carries: the link of its document, if this browser has one. */
export function apiHeaders(path) {
  const m = DOC_PATH.exec(path || '');
  const t = m && tokenFor(m[1]);
  return t ? { 'X-Verso-Link': t } : {};
}

/** The headers of a socket frame to or about `address` (doc.<id>, presence.<id>, their events). */
export function frameHeaders(address) {
  const m = DOC_ADDRESS.exec(address || '');
  const t = m && tokenFor(m[1]);
  return t ? { link: t } : {};
}
