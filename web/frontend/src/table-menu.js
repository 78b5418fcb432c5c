// The toolbar's Table menu: Insert table (rows × columns, 3 × 3 unless changed) and, with the caret in
// a table, add a row above/below, a column left/right, delete the row, the column or the table —
// each done by Quill 2's table module as one user change, sent like typing. A <details> menu like
// Download: reached with Tab, opened with Enter or Space, every item a labelled button, closing on a
// choice, Escape or a click outside (menus.js). Items that do nothing where the caret is are disabled
// (tables.js decides), and the whole menu while the text is read-only.
import { el } from './dom.js';
import { closeLikeAMenu } from './menus.js';
import { TABLE_ACTIONS, DEFAULT_SIZE, MAX_ROWS, MAX_COLUMNS, tableSize, itemEnabled } from './tables.js';

const ICON = '<svg viewBox="0 0 18 18" aria-hidden="true"><rect class="ql-stroke" x="2.5" y="3.5" width="13" height="11" rx="1"/>'
  + '<line class="ql-stroke" x1="2.5" x2="15.5" y1="7.5" y2="7.5"/><line class="ql-stroke" x1="2.5" x2="15.5" y1="11" y2="11"/>'
  + '<line class="ql-stroke" x1="7" x2="7" y1="3.5" y2="14.5"/><line class="ql-stroke" x1="11.5" x2="11.5" y1="3.5" y2="14.5"/></svg>';

export class TableMenu {
  /** Adds the menu to Quill's toolbar container; quill has the table module. */
  constructor(quill, container) {
    this.quill = quill;
    this.table = quill.getModule('table');
    this.inTable = false;
    this.writable = false;
    this.summary = el('summary', { 'aria-label': 'Table', title: 'Table' });
    this.summary.innerHTML = ICON; // a constant, no user data
    this.rows = el('input', { type: 'number', min: '1', max: String(MAX_ROWS), value: String(DEFAULT_SIZE), id: 'table-rows' });
    this.columns = el('input', { type: 'number', min: '1', max: String(MAX_COLUMNS), value: String(DEFAULT_SIZE), id: 'table-columns' });
    this.buttons = new Map([['insertTable', el('button', { type: 'button', 'data-action': 'insertTable' }, 'Insert table')]]);
    for (const [action, name] of TABLE_ACTIONS) this.buttons.set(action, el('button', { type: 'button', 'data-action': action }, name));
    const size = el('div', { class: 'table-size' }, el('label', { for: 'table-rows' }, 'Rows'), this.rows,
      el('label', { for: 'table-columns' }, 'Columns'), this.columns);
    this.details = el('details', { id: 'table-menu', class: 'ql-formats' }, this.summary,
      el('div', { class: 'menu', role: 'group', 'aria-label': 'Table' }, size, ...this.buttons.values()));
    container.append(this.details);
    this.details.addEventListener('click', (e) => {
      const button = e.target instanceof Element ? e.target.closest('button[data-action]') : null;
      if (button && !button.disabled) this.run(button.dataset.action);
    });
    this.summary.addEventListener('click', (e) => { if (!this.writable) e.preventDefault(); });
    this.stopMenu = closeLikeAMenu(this.details, 'button');
    // the caret's place decides the items; a blur (null: focus moved into this menu) keeps the last.
    // Read once Quill is done with its change, and only while the text is writable: reading where the
    // caret is makes Quill look at its document, which a change that failed to render left half built
    // (the render guard then reloads it, and nothing here may get in its way)
    this.onChange = (type, range) => {
      if (!this.writable || (type === 'selection-change' && !range)) return;
      queueMicrotask(() => this.place(type === 'selection-change' ? range : quill.getSelection()));
    };
    quill.on('editor-change', this.onChange);
    this.update();
  }

  run(action) {
    this.quill.focus(); // back to the caret the menu took focus from
    if (action === 'insertTable') {
      const range = this.quill.getSelection();
      if (range && range.index > 0 && this.quill.getText(range.index - 1, 1) !== '\n') {
        // a table starts on a line of its own: the text before the caret stays a paragraph, not a cell
        this.quill.insertText(range.index, '\n', 'user');
        this.quill.setSelection(range.index + 1, 0, 'silent');
      }
      const { rows, columns } = tableSize(this.rows.value, this.columns.value);
      this.table.insertTable(rows, columns);
    } else {
      this.table[action]();
    }
    this.place(this.quill.getSelection());
  }

  place(range) {
    if (!range || !this.writable) return;
    this.inTable = this.table.getTable(range)[2] !== null;
    this.update();
  }

  setEnabled(writable) {
    this.writable = writable;
    if (!writable) this.details.open = false;
    this.update();
  }

  update() {
    this.summary.setAttribute('aria-disabled', String(!this.writable));
    this.summary.tabIndex = this.writable ? 0 : -1; // out of the tab order while read-only, like Quill's controls
    this.details.classList.toggle('ql-formats-disabled', !this.writable);
    for (const [action, button] of this.buttons) button.disabled = !itemEnabled(action, this.inTable, this.writable);
    this.rows.disabled = this.columns.disabled = !itemEnabled('insertTable', this.inTable, this.writable);
  }

  stop() {
    this.stopMenu();
    this.quill.off('editor-change', this.onChange);
  }
}
