// The trash (#/trash): the documents the user owns that are in the trash, each with Restore and
// Delete forever (asked first, in a dialog); and the page shown instead of the editor when an owner
// opens a document that is in the trash.
import { api } from './api.js';
import { el } from './dom.js';
import { ago } from './time.js';
import { confirmDialog } from './dialogs.js';
import { EMPTY_TRASH, purgeIn } from './docs-query.js';

const trashPath = (docId) => '/api/trash/' + encodeURIComponent(docId);

/** Restores a trashed document (its owner). */
export function restore(docId) {
  return api('POST', trashPath(docId) + '/restore');
}

/** Asks before a trashed document is deleted for good; true when confirmed. */
function askDeleteForever(d) {
  return confirmDialog({ title: 'Delete forever?', id: 'delete-forever-dialog', danger: true,
    confirmLabel: 'Delete forever',
    message: `“${d.title}” and its whole history, comments and sharing are deleted. This cannot be undone.` });
}

export async function trashPage(root) {
  const error = el('p', { id: 'trash-error', class: 'error', role: 'alert' });
  const list = el('ul', { id: 'trash', class: 'doc-list', 'aria-label': 'Documents in the trash' });
  const empty = el('p', { id: 'trash-empty', class: 'empty', hidden: '' }, EMPTY_TRASH);
  root.replaceChildren(
    el('header', { class: 'bar' }, el('a', { id: 'back-to-docs', href: '#/' }, '← Documents'), el('h1', {}, 'Trash')),
    error, empty, list);
  async function act(fn) {
    error.textContent = '';
    try {
      await fn();
      await load();
    } catch (e) {
      error.textContent = e.message;
    }
  }
  async function load() {
    const docs = await api('GET', '/api/trash');
    empty.hidden = docs.length > 0;
    list.replaceChildren(...docs.map((d) => {
      const back = el('button', { type: 'button', class: 'restore', 'aria-label': 'Restore: ' + d.title }, 'Restore');
      back.addEventListener('click', () => act(() => restore(d.id)));
      const gone = el('button', { type: 'button', class: 'delete-forever', 'aria-label': 'Delete forever: ' + d.title },
        'Delete forever');
      // cancelled: nothing reloads, so the focus goes back to this very button
      gone.addEventListener('click', async () => {
        if (await askDeleteForever(d)) act(() => api('DELETE', trashPath(d.id)));
      });
      return el('li', { 'data-id': d.id }, el('span', { class: 'title' }, d.title),
        el('span', { class: 'updated', title: new Date(d.trashedAt).toLocaleString() }, 'trashed ' + ago(d.trashedAt)),
        el('span', { class: 'purge' }, purgeIn(d.purgeAt)), back, gone);
    }));
  }
  await act(async () => {});
}

/**
 * Instead of the editor, for a document this user cannot open: its owner finds it in the trash (with
 * Restore, which opens it again through `reopen`); anyone else sees the error as before. True when
 * it is in the trash (its unsent edits are then kept for the restore).
 */
export async function unavailablePage(root, docId, err, reopen) {
  const trashed = await api('GET', '/api/trash').then((docs) => docs.find((d) => d.id === docId)).catch(() => null);
  const back = el('a', { href: '#/' }, '← Documents');
  if (!trashed) {
    root.replaceChildren(el('p', { class: 'error', id: 'doc-error' }, err.message), back);
    return false;
  }
  const restoreBtn = el('button', { type: 'button', id: 'trashed-restore' }, 'Restore');
  const error = el('p', { class: 'error', role: 'alert' });
  restoreBtn.addEventListener('click', () => restore(docId).then(reopen, (e) => { error.textContent = e.message; }));
  root.replaceChildren(el('div', { id: 'trashed', class: 'card' }, el('h1', {}, trashed.title),
    el('p', { id: 'trashed-text' }, 'This document is in the trash. ' + purgeIn(trashed.purgeAt) + '.'), restoreBtn, error, back));
  return true;
}

/**
 * On an open editor whose document was just trashed: a banner under its header saying so, with
 * Restore for an owner (then `reopen`). Once per page.
 */
export function showTrashed(root, docId, canRestore, reopen) {
  if (root.querySelector('#trashed-banner')) return;
  const banner = el('div', { id: 'trashed-banner', class: 'banner' },
    el('span', {}, canRestore ? 'This document is in the trash.' : 'This document is in the trash. Its owner can restore it.'));
  if (canRestore) {
    const again = el('button', { type: 'button', id: 'trashed-banner-restore' }, 'Restore');
    again.addEventListener('click', () => restore(docId).then(reopen, (e) => { banner.append(el('span', { class: 'error' }, e.message)); }));
    banner.append(again);
  }
  const header = root.querySelector('header');
  if (header) header.after(banner);
  else root.prepend(banner);
}
