// A modal dialog as the keyboard uses it: the focus moves into it on open, Tab and Shift+Tab go
// round its own controls only (the browser's modal dialog makes the page behind it inert, but Tab
// past its last control still leaves for the browser's own UI), Escape closes it, and the focus
// goes back to the control that opened it.

const FOCUSABLE = 'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]),'
  + ' textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

/**
 * Which of `count` controls Tab (Shift+Tab when `backwards`) moves to from the one at `at`: round
 * from the last to the first and back; from outside them (-1) to the first (the last); -1 when none.
 */
export function nextIndex(at, count, backwards) {
  if (count === 0) return -1;
  if (at < 0) return backwards ? count - 1 : 0;
  return (at + (backwards ? count - 1 : 1)) % count;
}

function controls(dialog) {
  return Array.from(dialog.querySelectorAll(FOCUSABLE)).filter((c) => c.getClientRects().length > 0);
}

/** Opens `dialog` modally with the focus kept in it; on close the focus returns to `opener` (the focused control by default). */
export function showModal(dialog, opener = document.activeElement) {
  const onKey = (e) => {
    if (e.key === 'Escape') {
      e.preventDefault(); // closed here, once, whatever the browser's own cancel handling would do
      dialog.close();
      return;
    }
    if (e.key !== 'Tab') return;
    const items = controls(dialog);
    const i = nextIndex(items.indexOf(document.activeElement), items.length, e.shiftKey);
    if (i < 0) return;
    e.preventDefault();
    items[i].focus();
  };
  dialog.addEventListener('keydown', onKey);
  dialog.addEventListener('close', () => {
    dialog.removeEventListener('keydown', onKey);
    if (opener && opener.isConnected && typeof opener.focus === 'function') opener.focus();
  }, { once: true });
  dialog.showModal();
  if (!dialog.contains(document.activeElement)) {
    const first = controls(dialog)[0];
    if (first) first.focus();
  }
}
