// Version history in the editor, wired: the History button opening the panel (history-view.js over
// history-model.js) and the "Show authors" toggle (authorship.js painted by author-highlights.js).
// Both are for editors and owners only, following the page's role as it changes; the server checks
// every request anyway.
import { el } from './dom.js';
import { api } from './api.js';
import { authorshipPath } from './addresses.js';
import { atLeast, EDITOR } from './roles.js';
import { HistoryModel, failureMessage } from './history-model.js';
import { HistoryView } from './history-view.js';
import { AuthorsToggle } from './authorship.js';
import { AuthorHighlights, supported } from './author-highlights.js';

/**
 * @param page  the EditorPage (its tools slot, main area, editor wrap, notices)
 * @param ot    the editor's OT client (where positions of a past revision are now)
 * @returns {{setRole(role), stop()}}
 */
export function mountHistory(page, quill, ot, docId, role) {
  const tell = (m, kind) => page.tell(m, kind);
  const model = new HistoryModel({ api, changed: () => view.render(), tell }, docId);
  const historyBtn = el('button', { type: 'button', id: 'history-btn', 'aria-expanded': 'false', 'aria-controls': 'history' }, 'History');
  const show = (open) => {
    const inside = (n) => n && n.contains(document.activeElement);
    const hadFocus = inside(view.panel) || inside(view.preview);
    view.show(open);
    historyBtn.setAttribute('aria-expanded', String(open));
    if (open) model.reload();
    else if (hadFocus) historyBtn.focus(); // back where the panel was opened from
  };
  const view = new HistoryView(model, page.main, page.wrap, () => show(false));
  historyBtn.addEventListener('click', () => show(view.panel.hidden));

  const highlights = new AuthorHighlights(quill, (i) => authors.authorAt(i));
  const authorsBtn = el('button', { type: 'button', id: 'authors-btn', 'aria-pressed': 'false' }, 'Show authors');
  const authors = new AuthorsToggle({
    fetch: () => api('GET', authorshipPath(docId)),
    mapIndex: (i, rev) => ot.transformIndex(i, rev),
    paint: (spans) => highlights.paint(spans),
    clear: () => highlights.clear(),
    failed: (err) => tell(failureMessage(err)),
    changed: () => authorsBtn.setAttribute('aria-pressed', String(authors.on)),
  });
  authorsBtn.addEventListener('click', () => {
    if (supported()) authors.toggle();
    else tell('This browser cannot colour the text by author.');
  });
  const onText = () => authors.textChanged();
  quill.on('text-change', onText);
  page.addTools(historyBtn, authorsBtn);

  const setRole = (r) => {
    const allowed = atLeast(r, EDITOR);
    historyBtn.hidden = !allowed;
    authorsBtn.hidden = !allowed;
    if (!allowed && !view.panel.hidden) show(false);
    if (!allowed && authors.on) authors.hide();
  };
  setRole(role);
  return {
    setRole,
    stop: () => {
      quill.off('text-change', onText);
      authors.hide();
      highlights.stop();
    },
  };
}
