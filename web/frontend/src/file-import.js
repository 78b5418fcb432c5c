// "New from file" on the documents page: a .docx, .md, .html or .txt file becomes a new document
// (POST /api/docs/import, docs/protocol.md "Import"). The choice of format and the report's wording
// need no DOM (node --test); the upload is an XHR for its progress, injected as `send`.
import { postFile } from './xhr-upload.js';

/** The formats the server imports, by file extension: [extension, Content-Type]. */
export const IMPORTS = Object.freeze([
  ['docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
  ['md', 'text/markdown'], ['markdown', 'text/markdown'],
  ['html', 'text/html'], ['htm', 'text/html'],
  ['txt', 'text/plain'],
]);

/** The file picker's accept list. */
export const ACCEPT = IMPORTS.map(([ext]) => '.' + ext).join(',');

const MAX_TITLE = 200;

/**
 * What to send for a file named `name`: {contentType, title} (the title is the name without its
 * extension, at most 200 characters), or null for a file of another kind (never sent).
 */
export function importOf(name) {
  const dot = name.lastIndexOf('.');
  const ext = dot < 0 ? '' : name.slice(dot + 1).toLowerCase();
  const found = IMPORTS.find(([e]) => e === ext);
  if (!found) return null;
  const base = name.slice(0, dot).replace(/[\u0000-\u001f\u007f]/g, ' ').trim();
  return { contentType: found[1], title: Array.from(base || 'Imported document').slice(0, MAX_TITLE).join('') };
}

/** The import's path for `title`. */
export function importPath(title) {
  return '/api/docs/import?title=' + encodeURIComponent(title);
}

/** What the user is told after an import: null when nothing was left out, else one sentence. */
export function reportText(report) {
  const skipped = (report && Array.isArray(report.skipped)) ? report.skipped : [];
  if (skipped.length === 0) return null;
  return 'Imported, but some content could not be kept: ' + skipped.join('; ') + '.';
}

/**
 * Imports `file` with `send(path, contentType, file, onProgress)` → {status, body}; a 401 is answered
 * by `refresh()` and one more try. Resolves the server's answer ({id, title, report}); rejects with an
 * Error whose message is the server's (or says the kind of file is not taken).
 */
export async function importFile(file, { send, refresh, onProgress }) {
  const what = importOf(file.name);
  if (!what) throw new Error('Verso imports .docx, .md, .html and .txt files.');
  let answer = await send(importPath(what.title), what.contentType, file, onProgress);
  if (answer.status === 401) {
    await refresh();
    answer = await send(importPath(what.title), what.contentType, file, onProgress);
  }
  if (answer.status !== 201) {
    const message = answer.body && answer.body.error && answer.body.error.message;
    throw new Error(message ? 'Import failed: ' + message : 'Import failed (' + answer.status + ').');
  }
  return answer.body;
}

/** The browser's sender: an XHR with upload progress. */
export function xhrImport(path, contentType, file, onProgress) {
  return postFile(path, contentType, file, onProgress).catch(() => {
    throw new Error('Import failed: the network is unavailable.');
  });
}
