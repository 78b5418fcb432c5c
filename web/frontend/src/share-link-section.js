// The share dialog's "Anyone with the link" section, for the owner: off, or can view / comment / edit;
// the link to copy (its token is shown when made: the server keeps only its hash, this browser keeps
// the token, share-links.js), a reset that kills the old link, and turning it off.
import { el } from './dom.js';
import { api } from './api.js';
import { docPath } from './addresses.js';
import * as shareLinks from './share-links.js';

const CHOICES = [['off', 'Off: only people added'], ['viewer', 'Anyone with the link can view'],
  ['commenter', 'Anyone with the link can comment'], ['editor', 'Anyone with the link can edit']];

export function shareLinkSection(docId, report) {
  const path = docPath(docId) + '/link';
  const select = el('select', { id: 'link-role', 'aria-label': 'Share by link' },
    ...CHOICES.map(([v, label]) => el('option', { value: v }, label)));
  const url = el('input', { id: 'link-url', readonly: '', 'aria-label': 'Link to this document' });
  const copy = el('button', { id: 'link-copy', type: 'button' }, 'Copy link');
  const reset = el('button', { id: 'link-reset', type: 'button' }, 'Reset link');
  const note = el('p', { id: 'link-note', class: 'hint' });
  // in the dialog only while the link is on: off (the default, and until the setting is known) there is
  // no link to show, and no control sits hidden in the dialog
  const details = el('div', { class: 'row', id: 'link-details' });
  const section = el('section', { id: 'link-section', 'aria-label': 'Share by link' },
    el('h3', {}, 'Link'), select, details, note);

  function show(state) {
    select.value = state.enabled ? state.role : 'off';
    if (state.token) shareLinks.remember(docId, state.token);
    if (!state.enabled) shareLinks.forget(docId);
    const token = state.enabled ? shareLinks.tokenFor(docId) : null;
    if (state.enabled) details.replaceChildren(url, copy, reset);
    else details.replaceChildren();
    url.value = token ? shareLinks.linkUrl(location.origin + location.pathname, docId, token) : '';
    copy.disabled = !token;
    note.textContent = state.enabled && !token
      ? 'The link was made in another browser and only its owner has it: reset it to get a new one here.' : '';
  }

  async function act(fn) {
    try {
      show(await fn());
    } catch (e) {
      report(e.message);
    }
  }

  select.addEventListener('change', () => act(async () => {
    if (select.value === 'off') {
      await api('DELETE', path);
      return { enabled: false };
    }
    return api('PUT', path, { role: select.value });
  }));
  reset.addEventListener('click', () => act(() => api('POST', path + '/reset')));
  copy.addEventListener('click', async () => {
    url.select();
    try { await navigator.clipboard.writeText(url.value); report('Link copied', 'info'); } catch (e) { /* selected: Ctrl+C */ }
  });

  return { element: section, load: () => act(() => api('GET', path)) };
}
