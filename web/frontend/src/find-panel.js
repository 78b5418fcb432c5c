// Find and replace in the editor, wired: Ctrl+F / Ctrl+H (shortcuts.js) and the Find button open
// the bar (find-bar.js) over the text; the matches (find.js) are marked (find-highlights.js) and
// kept current through every change, one's own and others', the current one followed through them.
// Replace and Replace all are the user's own edit, each one undo step; only where the text is
// writable (viewers and commenters find only; the server checks the role of every op anyway).
// Escape closes the bar and selects the current match in the editor, as the browser's find does.
import { el } from './dom.js';
import { FindBar } from './find-bar.js';
import { FindHighlights } from './find-highlights.js';
import { documentText, findMatches, matchFrom, step, countText, replaceDelta } from './find.js';
import { findShortcut } from './shortcuts.js';
import { isMac } from './toolbar.js';
import { rangeOf } from './quill-ranges.js';

/** How many matches around the current one are marked: ranges cost DOM work on every change. */
const MARKED = 1000;

/**
 * @param page  the EditorPage (its tools slot, notices)
 * @returns {{open(withReplace), setWritable(writable), stop()}}
 */
export function mountFind(page, quill, mac = isMac(globalThis.navigator && navigator.platform)) {
  let matches = [];
  let current = -1;
  let anchor = 0; // where the current match starts (or the search from), moved through every change
  let lastRange = null; // the editor's last selection: where a search starts
  let opener = null; // what had the focus before the bar, to give it back
  let frame = null;
  let writable = false;
  const highlights = new FindHighlights(quill);
  const bar = new FindBar({
    search: () => search(true),
    next: () => go(1),
    previous: () => go(-1),
    replace: () => replace(),
    replaceAll: () => replaceAll(),
    close: () => close(),
  });
  quill.container.before(bar.element);

  /** The matches now, the current one the first at or after the anchor; scrolled to when `reveal`. */
  function search(reveal) {
    if (frame !== null) { cancelAnimationFrame(frame); frame = null; }
    const ops = quill.getContents().ops;
    const { query, ...options } = bar.criteria();
    matches = findMatches(documentText(ops), query, options);
    current = matchFrom(matches, anchor);
    if (current >= 0) anchor = matches[current].index;
    show(reveal);
    return ops;
  }

  function show(reveal) {
    const m = matches[current] || null;
    const from = Math.max(0, current - MARKED / 2);
    highlights.paint(matches.slice(from, from + MARKED), m);
    bar.showCount(countText(bar.criteria().query, current, matches.length), matches.length > 0);
    if (reveal && m) scrollTo(m);
  }

  function go(by) {
    if (frame !== null) search(false);
    current = step(current, matches.length, by);
    if (current < 0) return;
    anchor = matches[current].index;
    show(true);
  }

  /** The match on screen, under the bar (which stays at the top of the window as the page scrolls). */
  function scrollTo(m) {
    const range = rangeOf(quill, m);
    if (!range) return;
    const node = range.startContainer.nodeType === Node.TEXT_NODE ? range.startContainer.parentElement : range.startContainer;
    if (node && node.scrollIntoView) node.scrollIntoView({ block: 'nearest' }); // any scrolling box around the text
    const top = Math.max(0, bar.element.getBoundingClientRect().bottom);
    const r = range.getBoundingClientRect();
    if (r.top < top || r.bottom > window.innerHeight) window.scrollBy(0, r.top - (top + window.innerHeight) / 2);
  }

  /** The change as the user's own edit, one undo step of its own. */
  function edit(change) {
    quill.history.cutoff();
    quill.updateContents(change, 'user');
    quill.history.cutoff();
  }

  function replace() {
    if (!writable || !quill.isEnabled()) return;
    const ops = search(false);
    const m = matches[current];
    if (!m) return;
    edit(replaceDelta(ops, [m], bar.replacement.value)); // the anchor moves past the replacement: on to the next
    search(true);
  }

  function replaceAll() {
    if (!writable || !quill.isEnabled()) return;
    const ops = search(false);
    const n = matches.length;
    if (n === 0) return;
    edit(replaceDelta(ops, matches, bar.replacement.value));
    search(false);
    page.tell(n === 1 ? '1 match replaced' : n + ' matches replaced', 'info');
  }

  function open(withReplace) {
    if (!bar.open) {
      const inBar = bar.element.contains(document.activeElement);
      opener = inBar ? null : document.activeElement;
      const range = quill.getSelection() || lastRange;
      anchor = range ? range.index : 0;
      const selected = range && range.length > 0 && range.length <= 200 ? quill.getText(range.index, range.length) : '';
      if (selected && !selected.includes('\n')) bar.query.value = selected; // the selection is what one looks for
    }
    bar.show(withReplace);
    if (withReplace && writable && bar.query.value) bar.replacement.focus();
    search(true);
  }

  function close() {
    bar.hide();
    highlights.clear();
    const m = matches[current];
    matches = [];
    current = -1;
    if (m) quill.setSelection(m.index, m.length, 'api'); // focuses the editor where it can take the focus
    if (!quill.root.contains(document.activeElement)) (opener && opener.isConnected ? opener : quill.root).focus();
    opener = null;
  }

  const onText = (delta) => {
    anchor = delta.transformPosition(anchor);
    if (bar.open && frame === null) frame = requestAnimationFrame(() => { frame = null; search(false); });
  };
  const onSelection = (range) => { if (range) lastRange = range; };
  const onKey = (ev) => {
    const what = findShortcut(ev, mac);
    if (!what || ev.defaultPrevented) return;
    // the browser's own find in a dialog (sharing) and while the text is not shown (a version's preview)
    if (ev.target instanceof Element && ev.target.closest('dialog')) return;
    if (!quill.container.isConnected || quill.container.getClientRects().length === 0) return;
    ev.preventDefault();
    open(what === 'replace');
  };
  quill.on('text-change', onText);
  quill.on('selection-change', onSelection);
  document.addEventListener('keydown', onKey);

  // in the header with the other tools, not in the toolbar, whose controls are all off while the text
  // is read-only: this one is for everyone
  const button = el('button', { type: 'button', id: 'find-btn', title: 'Find and replace (' + (mac ? '⌘' : 'Ctrl+') + 'F)' }, 'Find');
  button.addEventListener('mousedown', (ev) => ev.preventDefault()); // keeps the editor's selection
  button.addEventListener('click', () => open(true));
  page.addTools(button);

  return {
    open,
    setWritable: (w) => {
      writable = w;
      bar.setWritable(w);
    },
    stop: () => {
      quill.off('text-change', onText);
      quill.off('selection-change', onSelection);
      document.removeEventListener('keydown', onKey);
      if (frame !== null) cancelAnimationFrame(frame);
      highlights.clear();
    },
  };
}
