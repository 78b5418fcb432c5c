// A change the page cannot render must not leave it stuck: Quill throws on content it does not know
// (e.g. a formula embed a server before the shared format list accepted) and the page used to hang
// on "Loading…" or silently stop following the document. The guard reports it (console and a
// notice) and reopens the document; an opened document that itself cannot be rendered puts the
// page into a "broken" state that says so. No DOM: the editor injects rendering and I/O.

export const CANNOT_SHOW_CHANGE = 'A change to this document could not be shown here; the document was reloaded.';
export const CANNOT_SHOW_DOCUMENT = 'This document holds content this app cannot display.';

export class RenderGuard {
  /**
   * @param {object} io
   *   io.report(message, error)  tell the user (notice) and the console
   *   io.resync() → Promise       reopen the document from the server
   *   io.changed()                the broken state changed (status line, read-only)
   */
  constructor(io) {
    this.io = io;
    this.broken = false; // the opened document cannot be rendered: nothing more is shown or sent
    this.resyncing = false;
  }

  /**
   * Renders a live change (a remote op). A failure is reported and the document reopened, once the
   * current call stack is done (the OT client is in the middle of receiving an event).
   */
  apply(render) {
    if (this.broken) return false;
    try {
      render();
      return true;
    } catch (e) {
      this.io.report(CANNOT_SHOW_CHANGE, e);
      this.resyncSoon();
      return false;
    }
  }

  resyncSoon() {
    if (this.resyncing) return;
    this.resyncing = true;
    Promise.resolve()
      .then(() => this.io.resync())
      .catch(() => {}) // the resync reports its own failure (status "error")
      .finally(() => { this.resyncing = false; });
  }

  /** Renders an opened document; false (and the broken state) when it cannot be rendered. */
  open(render) {
    try {
      render();
    } catch (e) {
      this.io.report(CANNOT_SHOW_DOCUMENT, e);
      this.setBroken(true);
      return false;
    }
    this.setBroken(false);
    return true;
  }

  setBroken(broken) {
    if (this.broken === broken) return;
    this.broken = broken;
    this.io.changed();
  }
}
