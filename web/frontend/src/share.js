// The share dialog (owner only): members of a document shown by display name, add a person found by
// name or username (people-picker.js) with a role, change, remove; and the document's link
// (share-link-section.js).
import { api } from './api.js';
import { el } from './dom.js';
import { membersPath, memberPath } from './addresses.js';
import { ROLES } from './roles.js';
import { showModal } from './dialog-focus.js';
import { peoplePicker } from './people-picker.js';
import { shareLinkSection } from './share-link-section.js';


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
  const error = el('p', { id: 'share-error', class: 'error', role: 'alert' });
  const done = el('p', { id: 'share-status', role: 'status' });
  const picker = peoplePicker();
  const link = shareLinkSection(docId, (message, kind) => {
    if (kind === 'info') done.textContent = message;
    else error.textContent = message;
  });
  const role = roleSelect('editor', 'Role to give', 'member-role');
  const add = el('button', { id: 'member-add', type: 'button' }, 'Add');
  const close = el('button', { id: 'share-close', type: 'button' }, 'Close');
  dialog = el('dialog', { id: 'share', 'aria-labelledby': 'share-heading' },
    el('h2', { id: 'share-heading' }, 'Share'), list,
    el('div', { class: 'row people-row' }, el('div', { class: 'combo' }, ...picker.elements), role, add), done, error,
    link.element, close);
  document.body.append(dialog);

  async function refreshList() {
    const members = await api('GET', membersPath(docId));
    list.replaceChildren(...members.map((m) => {
      const name = m.displayName || m.username;
      const select = roleSelect(m.role, 'Role of ' + name);
      select.className = 'member-role';
      select.addEventListener('change', () => act(() => api('PUT', memberPath(docId, m.username), { role: select.value })));
      const remove = el('button', { type: 'button', class: 'member-remove', 'aria-label': 'Remove ' + name }, 'Remove');
      remove.addEventListener('click', () => act(() => api('DELETE', memberPath(docId, m.username))));
      return el('li', { 'data-username': m.username }, el('span', { class: 'member-name', title: m.username }, name),
        select, remove);
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
    done.textContent = '';
    const person = picker.person();
    await api('PUT', memberPath(docId, person.username), { role: role.value });
    done.textContent = 'Shared with ' + (person.displayName || person.username);
    picker.clear();
  }));
  close.addEventListener('click', () => dialog.close());
  // gone once closed: a closed dialog left in the page would outlive the editor it belongs to
  dialog.addEventListener('close', () => dialog.remove());
  showModal(dialog);
  await act(async () => {});
  await link.load();
}
