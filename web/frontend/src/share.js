// The share dialog: members of a document, add by username with a role, change, remove (owner only).
import { api } from './api.js';
import { el } from './dom.js';
import { membersPath, memberPath } from './addresses.js';
import { ROLES } from './roles.js';
import { showModal } from './dialog-focus.js';


/** A role picker; label names it for screen readers (the row around it says whose role it is only visually). */
function roleSelect(value, label, id) {
  const select = el('select', { id, 'aria-label': label });
  for (const r of ROLES) {
    const o = el('option', { value: r }, r);
    if (r === value) o.selected = true;
    select.append(o);
  }
  return select;
}

export async function openShareDialog(docId) {
  let dialog = document.getElementById('share');
  if (dialog) dialog.remove();
  const list = el('ul', { id: 'members' });
  const error = el('p', { id: 'share-error', class: 'error' });
  const username = el('input', { id: 'member-username', placeholder: 'username', autocomplete: 'off',
    'aria-label': 'Username to share with' });
  const role = roleSelect('editor', 'Role to give', 'member-role');
  const add = el('button', { id: 'member-add', type: 'button' }, 'Add');
  const close = el('button', { id: 'share-close', type: 'button' }, 'Close');
  dialog = el('dialog', { id: 'share', 'aria-labelledby': 'share-heading' },
    el('h2', { id: 'share-heading' }, 'Share'), list,
    el('div', { class: 'row' }, username, role, add), error, close);
  document.body.append(dialog);

  async function refreshList() {
    const members = await api('GET', membersPath(docId));
    list.replaceChildren(...members.map((m) => {
      const select = roleSelect(m.role, 'Role of ' + m.username);
      select.className = 'member-role';
      select.addEventListener('change', () => act(() => api('PUT', memberPath(docId, m.username), { role: select.value })));
      const remove = el('button', { type: 'button', class: 'member-remove', 'aria-label': 'Remove ' + m.username }, 'Remove');
      remove.addEventListener('click', () => act(() => api('DELETE', memberPath(docId, m.username))));
      return el('li', { 'data-username': m.username }, el('span', { class: 'member-name' }, m.username), select, remove);
    }));
  }
  async function act(fn) {
    error.textContent = '';
    try {
      await fn();
      await refreshList();
    } catch (e) {
      error.textContent = e.message;
    }
  }
  add.addEventListener('click', () => act(async () => {
    await api('PUT', memberPath(docId, username.value.trim()), { role: role.value });
    username.value = '';
  }));
  close.addEventListener('click', () => dialog.close());
  // gone once closed: a closed dialog left in the page would outlive the editor it belongs to
  dialog.addEventListener('close', () => dialog.remove());
  showModal(dialog);
  await act(async () => {});
}
