// The document's title in the editor's header: renamed in place by editors and owners (click, or
// Enter/F2 on the focused title; Enter or leaving the field saves, Escape cancels, a refused rename
// puts the old title back); every page of the document follows a rename at once (show), and so does
// the browser tab's title.
import { el } from './dom.js';
import { tabTitle } from './doc-title.js';

export class TitleView {
  /**
   * @param {string} initial the title the page was opened with
   * @param {object} io
   *   io.rename(title) → Promise   saves a new title (PATCH), rejects when refused
   *   io.readOnly() → boolean      the user may not rename now
   */
  constructor(initial, io) {
    this.io = io;
    this.text = initial || 'Untitled';
    this.renaming = null; // the input while the title is being edited
    this.element = el('h1', { id: 'doc-title' }, this.text);
    document.title = tabTitle(this.text);
    this.element.addEventListener('keydown', (e) => {
      if (e.target === this.element && (e.key === 'Enter' || e.key === 'F2')) {
        e.preventDefault();
        this.startRename();
      }
    });
    this.element.addEventListener('click', () => this.startRename());
  }

  /** The current title (from open, a rename event, or our own rename). */
  show(title) {
    this.text = title;
    document.title = tabTitle(title);
    if (!this.renaming) this.element.textContent = title;
  }

  setEditable(editable) {
    this.element.classList.toggle('editable', editable);
    if (editable) this.element.setAttribute('tabindex', '0'); // reachable from the keyboard: Enter or F2 renames
    else this.element.removeAttribute('tabindex');
  }

  startRename() {
    if (this.renaming || this.io.readOnly()) return;
    const input = el('input', { id: 'title-input', maxlength: '200', 'aria-label': 'Title' });
    input.value = this.text;
    this.renaming = input;
    input.addEventListener('keydown', (e) => {
      if (e.key === 'Enter') this.finish(input, true);
      else if (e.key === 'Escape') this.finish(input, false);
    });
    input.addEventListener('blur', () => this.finish(input, true));
    this.element.replaceChildren(input);
    input.focus();
    input.select();
  }

  finish(input, save) {
    if (this.renaming !== input) return;
    this.renaming = null;
    const t = input.value.trim();
    this.element.textContent = this.text;
    if (!save || !t || t === this.text) return;
    const before = this.text;
    this.show(t);
    this.io.rename(t).catch((e) => {
      console.warn('rename refused', e && e.message);
      if (this.text === t) this.show(before);
    });
  }
}
