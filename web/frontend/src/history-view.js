// The history panel's DOM: the list of entries (authors in their colours, time, size, name), the
// "named versions only" filter, "load more", and the preview of a past revision in a read-only
// Quill with its bar (older/newer revision, name, rename, remove the name, restore with a
// confirmation). It renders HistoryModel's state and passes clicks to it; it decides nothing.
import Quill from 'quill';
import Delta from 'quill-delta';
import { el } from './dom.js';
import { ago } from './time.js';
import { colorOf } from './colors.js';
import { QUILL_FORMATS } from './formats.js';

const when = (ts) => new Date(ts).toLocaleString();
const plural = (n, one, many) => n + ' ' + (n === 1 ? one : many);

function authorChips(authors) {
  return el('span', { class: 'entry-authors' }, ...(authors || []).map((a) => {
    const chip = el('span', { class: 'author', 'data-user-id': a.userId }, a.name || 'Someone');
    chip.style.setProperty('--person', colorOf(a.userId));
    return chip;
  }));
}

/**
 * One entry as a button: its name (if any), what it restored (a restore is an entry of its own),
 * time, authors and size; what a screen reader says first.
 */
function entryButton(entry, restored, selected, open) {
  const names = (entry.authors || []).map((a) => a.name || 'Someone').join(', ');
  const label = (entry.name ? entry.name + ', ' : '') + (restored ? restored + ', ' : '') + ago(entry.endTs) + ', by ' + names + ', ' + plural(entry.ops, 'edit', 'edits');
  const button = el('button', { type: 'button', class: 'entry', 'aria-label': label, 'aria-current': selected ? 'true' : null,
    'data-key': 'entry-' + entry.toRev, 'data-from': String(entry.fromRev), 'data-to': String(entry.toRev) },
  entry.name ? el('span', { class: 'entry-name' }, entry.name) : null,
  restored ? el('span', { class: 'entry-restored' }, restored) : null,
  el('span', { class: 'entry-time', title: when(entry.endTs) }, ago(entry.endTs)),
  authorChips(entry.authors),
  el('span', { class: 'entry-size' }, plural(entry.ops, 'edit', 'edits')));
  button.addEventListener('click', () => open(entry));
  return el('li', {}, button);
}

/** Clicks and keys of the panel and the preview bar, to the model. */
function wire(v, model) {
  const on = (node, event, fn) => node.addEventListener(event, fn);
  on(v.named, 'change', () => model.setNamedOnly(v.named.checked));
  on(v.more, 'click', () => model.loadMore());
  on(v.older, 'click', () => model.step(-1));
  on(v.newer, 'click', () => model.step(+1));
  on(v.nameBtn, 'click', () => { v.naming = true; v.nameInput.value = model.preview.name || ''; v.render(); v.nameInput.focus(); });
  on(v.nameCancel, 'click', () => { v.naming = false; v.render(); });
  on(v.nameForm, 'submit', async (ev) => {
    ev.preventDefault();
    if (await model.name(v.nameInput.value)) { v.naming = false; v.render(); }
  });
  on(v.unname, 'click', () => model.removeName());
  on(v.restore, 'click', () => { model.askRestore(); v.restoreYes.focus(); });
  on(v.restoreYes, 'click', () => model.restore());
  on(v.restoreNo, 'click', () => model.cancelRestore());
  on(v.closePreview, 'click', () => model.closePreview());
  on(v.preview, 'keydown', (ev) => { if (ev.key === 'Escape') model.closePreview(); });
}

export class HistoryView {
  /**
   * @param model the HistoryModel shown
   * @param main  the element the panel and the preview go into, beside the editor
   * @param wrap  the live editor's element, hidden while a preview shows
   * @param close called by the panel's close button and Escape
   */
  constructor(model, main, wrap, close) {
    this.model = model;
    this.wrap = wrap;
    this.naming = false;
    this.shownOps = null;
    this.build(close);
    main.append(this.preview, this.panel);
    this.viewer = new Quill(this.doc, { theme: 'snow', readOnly: true, modules: { toolbar: false }, formats: QUILL_FORMATS });
    wire(this, model);
  }

  build(close) {
    const b = (id, text, attrs = {}) => el('button', { type: 'button', id, ...attrs }, text);
    this.named = el('input', { type: 'checkbox', id: 'history-named' });
    this.list = el('ol', { id: 'history-entries', 'aria-label': 'Versions, newest first' });
    this.more = b('history-more', 'Load more');
    this.loading = el('p', { class: 'history-loading', 'aria-live': 'polite' });
    const closeBtn = b('history-close', 'Close', { 'aria-label': 'Close history' });
    closeBtn.addEventListener('click', close);
    this.panel = el('aside', { id: 'history', 'aria-label': 'Version history', hidden: '' },
      el('div', { class: 'history-head' }, el('h2', {}, 'History'), closeBtn),
      el('label', {}, this.named, ' Named versions only'), this.list, this.loading, this.more);
    this.panel.addEventListener('keydown', (ev) => { if (ev.key === 'Escape' && !this.model.preview) close(); });
    this.title = el('span', { id: 'preview-title' });
    this.older = b('preview-older', '◀', { 'aria-label': 'Older revision' });
    this.newer = b('preview-newer', '▶', { 'aria-label': 'Newer revision' });
    this.nameBtn = b('preview-name', 'Name this version');
    this.unname = b('preview-unname', 'Remove name');
    this.nameInput = el('input', { id: 'preview-name-input', maxlength: '100', 'aria-label': 'Version name' });
    this.nameCancel = b('preview-name-cancel', 'Cancel');
    this.nameForm = el('form', { id: 'preview-name-form' }, this.nameInput,
      el('button', { type: 'submit', id: 'preview-name-save' }, 'Save'), this.nameCancel);
    this.restore = b('preview-restore', 'Restore this version');
    this.restoreYes = b('preview-restore-yes', 'Restore');
    this.restoreNo = b('preview-restore-no', 'Cancel');
    this.confirm = el('div', { id: 'preview-confirm', role: 'alertdialog', 'aria-label': 'Restore this version?' },
      el('span', {}, 'Make this version the current document for everyone? It can be undone from history.'),
      this.restoreYes, this.restoreNo);
    this.closePreview = b('preview-close', 'Close preview');
    this.authors = el('span', { id: 'preview-authors' });
    this.doc = el('div', { id: 'preview-doc' });
    this.preview = el('section', { id: 'history-preview', 'aria-label': 'Preview of a past version', hidden: '' },
      el('div', { class: 'preview-bar' }, this.older, this.title, this.newer, this.authors, this.nameBtn, this.unname,
        this.nameForm, this.restore, this.closePreview), this.confirm, this.doc);
  }

  /** Shows the model's state (called on every change it announces). */
  render() {
    const m = this.model;
    const focused = document.activeElement && document.activeElement.dataset ? document.activeElement.dataset.key : null;
    const current = m.preview ? m.preview.entry : null;
    this.list.replaceChildren(...m.entries.map((e) => entryButton(e, m.restoredLabel(e, when), e === current, (x) => m.openPreview(x))));
    if (focused) { const again = this.list.querySelector('[data-key="' + focused + '"]'); if (again) again.focus(); }
    this.named.checked = m.namedOnly;
    this.more.hidden = !m.more;
    this.more.disabled = m.loading;
    this.loading.textContent = m.loading ? 'Loading…' : m.entries.length === 0 ? 'No versions yet.' : '';
    this.renderPreview();
  }

  renderPreview() {
    const p = this.model.preview;
    this.preview.hidden = !p;
    this.wrap.hidden = !!p;
    if (!p) { this.naming = false; this.shownOps = null; return; }
    const e = p.entry;
    this.title.textContent = (p.name ? p.name + ' · ' : '') + 'revision ' + p.rev + ' · ' + when(p.rev === e.toRev ? e.endTs : e.startTs);
    this.older.disabled = p.rev <= e.fromRev;
    this.newer.disabled = p.rev >= e.toRev;
    this.authors.replaceChildren(authorChips(e.authors));
    this.nameBtn.textContent = p.name ? 'Rename' : 'Name this version';
    this.nameBtn.hidden = this.naming;
    this.unname.hidden = this.naming || !p.name;
    this.nameForm.hidden = !this.naming;
    this.restore.disabled = p.loading;
    this.confirm.hidden = !this.model.confirmingRestore;
    this.preview.setAttribute('aria-busy', p.loading ? 'true' : 'false');
    if (p.ops && p.ops !== this.shownOps) {
      this.shownOps = p.ops;
      this.viewer.setContents(new Delta(p.ops), 'api');
    }
  }

  show(open) {
    this.panel.hidden = !open;
    if (!open && this.model.preview) this.model.closePreview();
  }
}
