// The documents page's "New from file" button: a file picker, the upload's progress, then the new
// document — or, when the import left something out, what it left out and a link to the document.
import { el } from './dom.js';
import { refresh } from './api.js';
import { ACCEPT, importFile, reportText, xhrImport } from './file-import.js';

/** The button (with its hidden picker and status); `nav.go(hash)` opens the new document, `error` shows a refusal. */
export function mountFileImport(nav, error) {
  // the button opens it; named for assistive technology all the same
  const input = el('input', { id: 'import-file', type: 'file', accept: ACCEPT, class: 'visually-hidden',
    tabindex: '-1', 'aria-label': 'Choose a file to import' });
  const button = el('button', { id: 'import-btn', type: 'button' }, 'New from file');
  const progress = el('progress', { id: 'import-progress', max: '1', value: '0', hidden: '',
    'aria-label': 'Import progress' });
  const status = el('span', { id: 'import-status', role: 'status' });
  button.addEventListener('click', () => input.click());
  input.addEventListener('change', async () => {
    const file = input.files && input.files[0];
    input.value = '';
    if (!file) return;
    error.textContent = '';
    status.replaceChildren('Importing ' + file.name + '…');
    progress.hidden = false;
    button.disabled = true;
    try {
      const made = await importFile(file, { send: xhrImport, refresh,
        onProgress: (done, total) => { progress.value = total > 0 ? done / total : 0; } });
      const hash = '#/doc/' + encodeURIComponent(made.id);
      const said = reportText(made.report);
      if (said === null) {
        nav.go(hash);
        return;
      }
      status.replaceChildren(said + ' ', el('a', { href: hash, id: 'import-open' }, 'Open “' + made.title + '”'));
    } catch (e) {
      status.replaceChildren();
      error.textContent = e.message;
    } finally {
      progress.hidden = true;
      button.disabled = false;
    }
  });
  return el('span', { class: 'file-import' }, button, input, progress, status);
}
