// When another person's name shows above their caret: while they type or move, and a few seconds
// after, then only the caret (the name no longer covers the line above); pointing at the caret shows
// it again (quill-cursors' own hover), as Google Docs does. No DOM: the cursors module and the timers
// are injected (test/name-flags.test.mjs).

/** How long a name stays up after its person's last change or move. */
export const FLAG_SHOWN_MS = 3000;

export class NameFlags {
  /**
   * @param cursors  toggleFlag(id, shown) of the quill-cursors module
   * @param timers   setTimeout/clearTimeout
   */
  constructor(cursors, timers = globalThis, shownMs = FLAG_SHOWN_MS) {
    this.cursors = cursors;
    this.timers = timers;
    this.shownMs = shownMs;
    this.hide = new Map(); // cursor id → its pending hide
  }

  /** The person typed or moved: their name shows, and hides shownMs after their last activity. */
  active(id) {
    this.cursors.toggleFlag(id, true);
    this.timers.clearTimeout(this.hide.get(id));
    this.hide.set(id, this.timers.setTimeout(() => {
      this.hide.delete(id);
      this.cursors.toggleFlag(id, false);
    }, this.shownMs));
  }

  /** The cursor is gone: nothing to hide any more. */
  removed(id) {
    this.timers.clearTimeout(this.hide.get(id));
    this.hide.delete(id);
  }

  stop() {
    for (const timer of this.hide.values()) this.timers.clearTimeout(timer);
    this.hide.clear();
  }
}
