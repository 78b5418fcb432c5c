// The find bar's DOM, above the text: the query with its count ("3 of 12"), previous and next, match
// case, whole word, close; under it, for those who may change the text, the replacement with Replace
// and Replace all. Its keys: Enter the next match, Shift+Enter the previous, Enter in the replacement
// replaces, Escape closes. It says what the user asks for (`actions`) and decides nothing.
import { el } from './dom.js';

/** The longest query or replacement, in characters: a find box, not a paste target. */
const MAX_LENGTH = 1000;

function check(id, text) {
  const box = el('input', { type: 'checkbox', id });
  return [box, el('label', { class: 'find-option' }, box, text)];
}

export class FindBar {
  /** @param actions {search(), next(), previous(), replace(), replaceAll(), close()} */
  constructor(actions) {
    this.query = el('input', { type: 'text', id: 'find-input', 'aria-label': 'Find in document', placeholder: 'Find',
      autocomplete: 'off', spellcheck: 'false', maxlength: String(MAX_LENGTH), 'aria-describedby': 'find-count' });
    // not a live region: it changes as others type, and the page has one polite region (the save status)
    this.count = el('span', { id: 'find-count' });
    this.previous = el('button', { type: 'button', id: 'find-prev', 'aria-label': 'Previous match', title: 'Previous match (Shift+Enter)' }, '↑');
    this.next = el('button', { type: 'button', id: 'find-next', 'aria-label': 'Next match', title: 'Next match (Enter)' }, '↓');
    const [matchCase, caseLabel] = check('find-case', 'Match case');
    const [wholeWord, wordLabel] = check('find-word', 'Whole word');
    this.matchCase = matchCase;
    this.wholeWord = wholeWord;
    const close = el('button', { type: 'button', id: 'find-close', 'aria-label': 'Close find', title: 'Close (Escape)' }, '×');
    this.replacement = el('input', { type: 'text', id: 'replace-input', 'aria-label': 'Replace with', placeholder: 'Replace with',
      autocomplete: 'off', spellcheck: 'false', maxlength: String(MAX_LENGTH) });
    this.replaceBtn = el('button', { type: 'button', id: 'replace-btn' }, 'Replace');
    this.replaceAllBtn = el('button', { type: 'button', id: 'replace-all-btn' }, 'Replace all');
    this.replaceRow = el('div', { class: 'find-row', id: 'replace-row' }, this.replacement, this.replaceBtn, this.replaceAllBtn);
    this.element = el('div', { id: 'find-bar', role: 'search', 'aria-label': 'Find and replace' },
      el('div', { class: 'find-row' }, this.query, this.count, this.previous, this.next, caseLabel, wordLabel, close),
      this.replaceRow);
    this.element.hidden = true;
    this.wantsReplace = false;
    this.writable = false;

    this.query.addEventListener('input', () => actions.search());
    matchCase.addEventListener('change', () => actions.search());
    wholeWord.addEventListener('change', () => actions.search());
    this.previous.addEventListener('click', () => actions.previous());
    this.next.addEventListener('click', () => actions.next());
    this.replaceBtn.addEventListener('click', () => actions.replace());
    this.replaceAllBtn.addEventListener('click', () => actions.replaceAll());
    close.addEventListener('click', () => actions.close());
    this.element.addEventListener('keydown', (ev) => {
      if (ev.key === 'Escape') actions.close();
      else if (ev.key === 'Enter' && ev.target === this.query) (ev.shiftKey ? actions.previous : actions.next)();
      else if (ev.key === 'Enter' && ev.target === this.replacement) actions.replace();
      else return;
      ev.preventDefault();
      ev.stopPropagation();
    });
  }

  get open() {
    return !this.element.hidden;
  }

  /** Shows the bar (with the replacement when asked and allowed) and puts the focus in the query, its text selected. */
  show(withReplace) {
    this.wantsReplace = this.wantsReplace || withReplace;
    this.element.hidden = false;
    this.layout();
    this.query.focus();
    this.query.select();
  }

  hide() {
    this.element.hidden = true;
    this.wantsReplace = false;
  }

  /** The query and how to match it. */
  criteria() {
    return { query: this.query.value, matchCase: this.matchCase.checked, wholeWord: this.wholeWord.checked };
  }

  /** Viewers and commenters find only. */
  setWritable(writable) {
    this.writable = writable;
    this.layout();
  }

  layout() {
    this.replaceRow.hidden = !(this.wantsReplace && this.writable);
  }

  /** What the count says, and whether there is anything to go to or replace. */
  showCount(text, any) {
    this.count.textContent = text;
    const buttons = [this.previous, this.next, this.replaceBtn, this.replaceAllBtn];
    const focusLost = !any && buttons.includes(document.activeElement); // a disabled button drops the focus
    for (const b of buttons) b.disabled = !any;
    if (focusLost) this.query.focus();
  }
}
