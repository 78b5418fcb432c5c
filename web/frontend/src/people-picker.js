// The people search field of the share dialog: an ARIA combobox (input + listbox) over PeopleSearch
// (people-search.js). Picking a person fills in their username and remembers their display name.
import { el } from './dom.js';
import { api } from './api.js';
import { PeopleSearch, optionLabel } from './people-search.js';

export function peoplePicker() {
  const input = el('input', { id: 'member-username', placeholder: 'name or username', autocomplete: 'off',
    role: 'combobox', 'aria-autocomplete': 'list', 'aria-expanded': 'false', 'aria-controls': 'member-options',
    'aria-label': 'Person to share with' });
  const list = el('ul', { id: 'member-options', role: 'listbox', 'aria-label': 'People found', hidden: '' });
  let chosen = null; // {username, displayName} picked from the list for what the field says now
  const search = new PeopleSearch({
    search: (q) => api('GET', '/api/users?q=' + encodeURIComponent(q)),
    onChange: render,
  });

  function render() {
    list.replaceChildren(...search.options.map((m, i) => {
      const li = el('li', { id: 'member-option-' + i, role: 'option', 'data-username': m.username,
        'aria-selected': String(i === search.active) }, optionLabel(m));
      // mousedown: before the field's blur, so a click picks
      li.addEventListener('mousedown', (e) => { e.preventDefault(); choose(search.pick(i)); });
      return li;
    }));
    list.hidden = !search.expanded;
    input.setAttribute('aria-expanded', String(search.expanded));
    if (search.active >= 0) input.setAttribute('aria-activedescendant', 'member-option-' + search.active);
    else input.removeAttribute('aria-activedescendant');
  }

  function choose(m) {
    if (!m) return;
    chosen = m;
    input.value = m.username;
  }

  input.addEventListener('input', () => {
    chosen = null;
    search.input(input.value);
  });
  input.addEventListener('keydown', (e) => {
    const r = search.key(e.key);
    if (r.handled) {
      e.preventDefault();
      e.stopPropagation(); // Escape closes the list, not the dialog
    }
    if (r.picked) choose(r.picked);
  });
  input.addEventListener('blur', () => search.close());

  return {
    elements: [input, list],
    /** The username to share with, and the name to show for it. */
    person: () => {
      const username = input.value.trim();
      return chosen && chosen.username === username ? chosen : { username, displayName: null };
    },
    clear: () => { input.value = ''; chosen = null; search.input(''); },
  };
}
