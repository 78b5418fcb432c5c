// The documents page: create, search titles and text, sort, filter (all, mine, shared with me), rename and
// move to the trash (owners), each question in a real dialog (dialogs.js); the list is the server's
// answer to docs-query.js's query (a result found only in its text says so), and an empty one says
// what to do.
import { api } from './api.js';
import { el } from './dom.js';
import { ago } from './time.js';
import { atLeast, OWNER } from './roles.js';
import { docPath } from './addresses.js';
import { confirmDialog, promptDialog } from './dialogs.js';
import { docsPath, emptyMessage, matchNote, searchProblem, FILTERS, SORTS, MAX_QUERY, SEARCH_LABEL } from './docs-query.js';
import { mountFileImport } from './file-import-view.js';

/** How long the search waits after a keystroke before it asks the server. */
const SEARCH_DELAY_MS = 250;

function choice(id, label, options) {
  const select = el('select', { id, 'aria-label': label });
  for (const [value, text] of options) select.append(el('option', { value }, text));
  return select;
}

/**
 * Lays the documents page out into root. `nav`: go(hash), signOut() (the app forgets the user and
 * shows the sign-in page).
 */
export async function listPage(root, me, nav) {
  const error = el('p', { id: 'docs-error', class: 'error', role: 'alert' });
  const list = el('ul', { id: 'docs', 'aria-label': 'Documents' });
  const empty = el('p', { id: 'docs-empty', class: 'empty', hidden: '' });
  const newTitle = el('input', { id: 'new-title', 'aria-label': 'New document title', placeholder: 'New document title' });
  const create = el('button', { id: 'create-btn', type: 'button' }, 'Create');
  const logout = el('button', { id: 'logout-btn', type: 'button' }, 'Sign out');
  const search = el('input', { id: 'docs-search', type: 'search', 'aria-label': SEARCH_LABEL,
    placeholder: SEARCH_LABEL, maxlength: String(MAX_QUERY) });
  const sort = choice('docs-sort', 'Sort by', SORTS);
  const filter = choice('docs-filter', 'Show', FILTERS);
  const trash = el('a', { id: 'trash-link', href: '#/trash' }, 'Trash');
  root.replaceChildren(
    el('header', { class: 'bar' }, el('h1', {}, 'Documents'), el('span', { id: 'me' }, me.displayName || me.username), trash, logout),
    el('div', { class: 'row' }, newTitle, create, mountFileImport(nav, error)),
    el('div', { class: 'row list-controls' }, search, sort, filter), error, empty, list);

  async function act(fn) {
    error.textContent = '';
    try {
      await fn();
      await load();
    } catch (e) {
      error.textContent = e.message;
    }
  }
  let asked = 0;
  async function load() {
    const mine = ++asked;
    const wanted = { query: search.value, sort: sort.value, filter: filter.value };
    const problem = searchProblem(wanted.query);
    if (problem) throw new Error(problem); // the list stays as it was, the box says why
    const docs = await api('GET', docsPath(wanted));
    if (mine !== asked) return; // a later search is on its way: its answer wins
    empty.textContent = emptyMessage(wanted);
    empty.hidden = docs.length > 0;
    list.replaceChildren(...docs.map((d) => row(d)));
  }
  function row(d) {
    const open = el('a', { href: '#/doc/' + encodeURIComponent(d.id), class: 'open' }, d.title || 'Untitled');
    const edited = el('span', { class: 'updated', title: new Date(d.updatedAt).toLocaleString() }, 'edited ' + ago(d.updatedAt));
    const li = el('li', { 'data-id': d.id }, open);
    const note = matchNote(d);
    if (note) li.append(el('span', { class: 'match' }, note));
    li.append(edited, el('span', { class: 'role' }, d.role));
    if (atLeast(d.role, OWNER)) {
      const rename = el('button', { type: 'button', class: 'rename', 'aria-label': 'Rename: ' + d.title }, 'Rename');
      rename.addEventListener('click', async () => {
        const t = await promptDialog({ title: 'Rename document', label: 'New title', value: d.title, confirmLabel: 'Rename',
          maxLength: 200, id: 'rename-dialog' });
        if (t !== null) act(() => api('PATCH', docPath(d.id), { title: t }));
      });
      const del = el('button', { type: 'button', class: 'delete', 'aria-label': 'Move to trash: ' + d.title },
        'Move to trash');
      del.addEventListener('click', async () => {
        const ok = await confirmDialog({ title: 'Move to the trash?', id: 'trash-dialog', confirmLabel: 'Move to trash',
          message: `“${d.title}” goes to your trash. Its members lose access until you restore it.` });
        if (ok) act(() => api('DELETE', docPath(d.id)));
      });
      li.append(rename, del);
    }
    return li;
  }
  let timer = null;
  search.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(() => act(async () => {}), SEARCH_DELAY_MS);
  });
  sort.addEventListener('change', () => act(async () => {}));
  filter.addEventListener('change', () => act(async () => {}));
  create.addEventListener('click', () => act(async () => {
    const d = await api('POST', '/api/docs', { title: newTitle.value.trim() || 'Untitled' });
    nav.go('#/doc/' + encodeURIComponent(d.id));
  }));
  logout.addEventListener('click', () => nav.signOut());
  await act(async () => {});
}
