// The status bar under the editor: the document's word and character count (word-count.js), kept
// up to date on every change, typed here or by someone else. Counting a long document on every
// keystroke would cost typing latency, so changes are counted at most every COUNT_MS. Nothing here is
// announced (no live region): a screen reader user reads the bar when they want to, by its label.
import { el } from './dom.js';
import { describeCounts, textCounter } from './word-count.js';

/** At most one count per this many ms while text changes. */
const COUNT_MS = 200;

export class WordCountView {
  /** A status bar counting quill's text; this.element is for the page to place. */
  constructor(quill, locale = document.documentElement.lang || undefined) {
    this.quill = quill;
    this.locale = locale;
    this.count = textCounter(locale);
    this.words = el('span', { id: 'word-count' });
    this.characters = el('span', { id: 'char-count' });
    this.element = el('div', { id: 'doc-stats', role: 'group', 'aria-label': 'Word and character count' },
      this.words, this.characters);
    this.timer = null;
    this.onChange = () => {
      if (this.timer === null) this.timer = setTimeout(() => this.show(), COUNT_MS);
    };
    quill.on('text-change', this.onChange); // any source: this page's typing, remote edits, a reload
    this.show();
  }

  show() {
    this.timer = null;
    const counts = this.count(this.quill.getText());
    const said = describeCounts(counts, this.locale);
    this.words.textContent = said.words;
    this.words.dataset.count = String(counts.words);
    this.characters.textContent = said.characters;
    this.characters.dataset.count = String(counts.characters);
  }

  stop() {
    clearTimeout(this.timer);
    this.timer = null;
    this.quill.off('text-change', this.onChange);
  }
}
