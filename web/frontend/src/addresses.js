// Where the app talks to: the public event-bus addresses of a document (io.verso.protocol.Addresses,
// checked against its bridge patterns by test/addresses.test.mjs) and the HTTP API's document paths.
// Built here only, never by string concatenation at the call site.

/** Requests about a document (open, catchup, submit, comments). */
export const docAddress = (docId) => 'doc.' + docId;
/** A document's events (op, role, title, comment), registered on. */
export const docEvents = (docId) => 'doc.' + docId + '.events';
/** Presence requests of a document (update, heartbeat, leave, list). */
export const presenceAddress = (docId) => 'presence.' + docId;
/** A document's presence events (presence, leave), registered on. */
export const presenceEvents = (docId) => 'presence.' + docId + '.events';

/** The API's document: its metadata (GET), rename (PATCH), delete (DELETE). */
export const docPath = (docId) => '/api/docs/' + encodeURIComponent(docId);
/** The document's download in one of the export formats (html, md, txt). */
export const exportPath = (docId, format) => docPath(docId) + '/export?format=' + encodeURIComponent(format);
/** The document's images: an upload (POST, the image as the body) answers {url} of the image, which an op carries. */
export const imagesPath = (docId) => docPath(docId) + '/images';
/** The document's members (GET). */
export const membersPath = (docId) => docPath(docId) + '/members';
/** One member of the document (PUT a role, DELETE). */
export const memberPath = (docId, username) => membersPath(docId) + '/' + encodeURIComponent(username);

/** A page of the document's history: entries before revision `before` (newest first), named versions only if `named`. */
export const historyPath = (docId, { before, limit, named } = {}) => {
  const q = new URLSearchParams();
  if (before !== undefined && before !== null) q.set('before', String(before));
  if (limit !== undefined && limit !== null) q.set('limit', String(limit));
  if (named) q.set('named', 'true');
  const s = q.toString();
  return docPath(docId) + '/history' + (s ? '?' + s : '');
};
/** The document at one revision (GET). */
export const revisionPath = (docId, rev) => docPath(docId) + '/revisions/' + encodeURIComponent(String(rev));
/** What changed from revision `from` to revision `to` (GET), with authors. */
export const diffPath = (docId, from, to) => docPath(docId) + '/diff?from=' + encodeURIComponent(String(from))
  + '&to=' + encodeURIComponent(String(to));
/** The name of one revision (PUT {name}, DELETE). */
export const versionPath = (docId, rev) => docPath(docId) + '/versions/' + encodeURIComponent(String(rev));
/** Restoring a revision as a new one (POST {rev}). */
export const restorePath = (docId) => docPath(docId) + '/restore';
/** Who wrote each character of the document now (GET). */
export const authorshipPath = (docId) => docPath(docId) + '/authorship';
/** The document's comment threads (GET the list, POST a new thread). */
export const commentsPath = (docId) => docPath(docId) + '/comments';
/** One thread (PATCH {resolved}, DELETE). */
export const threadPath = (docId, threadId) => commentsPath(docId) + '/' + encodeURIComponent(threadId);
/** A thread's replies (POST {text}). */
export const repliesPath = (docId, threadId) => threadPath(docId, threadId) + '/replies';
/** One comment of a thread (PATCH {text}, DELETE). */
export const commentPath = (docId, threadId, commentId) => threadPath(docId, threadId) + '/' + encodeURIComponent(commentId);
