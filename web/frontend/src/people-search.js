// The share dialog's people search as a combobox's state, without the DOM: what is typed is searched
// (from MIN_QUERY characters, once typing pauses; an answer to an older query is dropped), the
// matches are the options, arrows move the active one, Enter picks it, Escape closes the list. The
// view (people-picker.js) renders the state with aria-expanded and aria-activedescendant.

export const MIN_QUERY = 2;
export const DEBOUNCE_MS = 200;

export class PeopleSearch {
  /**
   * @param search  (query) => Promise<[{username, displayName}]>
   * @param onChange () => void, after every change of the state
   */
  constructor({ search, onChange = () => {}, timers = globalThis, debounceMs = DEBOUNCE_MS }) {
    this.search = search;
    this.onChange = onChange;
    this.timers = timers;
    this.debounceMs = debounceMs;
    this.options = [];
    this.active = -1;
    this.expanded = false;
    this.error = null;
    this.seq = 0;
    this.timer = null;
  }

  /** The text typed changed. */
  input(text) {
    const q = (text || '').trim();
    this.timers.clearTimeout(this.timer);
    const seq = ++this.seq;
    if ([...q].length < MIN_QUERY) {
      this.set([], false, null);
      return;
    }
    this.timer = this.timers.setTimeout(async () => {
      try {
        const found = await this.search(q);
        if (seq === this.seq) this.set(found.slice(0, 10), found.length > 0, null);
      } catch (e) {
        if (seq === this.seq) this.set([], false, e.message || String(e));
      }
    }, this.debounceMs);
  }

  /**
   * A key in the field: 'ArrowDown', 'ArrowUp', 'Enter', 'Escape'. Returns {handled, picked}: handled
   * says the field should not act on the key itself; picked is the match Enter chose.
   */
  key(name) {
    const n = this.options.length;
    if ((name === 'ArrowDown' || name === 'ArrowUp') && n > 0) {
      const step = name === 'ArrowDown' ? 1 : -1;
      this.active = this.expanded ? (this.active + step + n) % n : (step > 0 ? 0 : n - 1);
      this.expanded = true;
      this.onChange();
      return { handled: true };
    }
    if (name === 'Enter' && this.expanded && this.active >= 0) {
      return { handled: true, picked: this.pick(this.active) };
    }
    if (name === 'Escape' && this.expanded) {
      this.close();
      return { handled: true };
    }
    return { handled: false };
  }

  /** Option i chosen (Enter or a click): the list closes. */
  pick(i) {
    const picked = this.options[i];
    this.close();
    return picked;
  }

  close() {
    this.timers.clearTimeout(this.timer);
    this.seq++;
    this.set(this.options, false, this.error);
  }

  set(options, expanded, error) {
    this.options = options;
    this.expanded = expanded;
    this.active = -1;
    this.error = error;
    this.onChange();
  }
}

/** The text of an option: the display name, and the username it stands for. */
export function optionLabel(m) {
  return m.displayName && m.displayName !== m.username ? m.displayName + ' (' + m.username + ')' : m.username;
}
