// Keyboard shortcuts of the editor beyond Quill's: Ctrl+K (⌘K on a Mac) opens the link box for the
// selection, as the toolbar's link button does, or for the link the cursor is in, to edit it. It
// replaces snow's own Ctrl+K, which toggles like the button: on a link it removed the link at once,
// without a box. Only while the text is writable; otherwise the key is the browser's. Ctrl+F and
// Ctrl+H (find, find and replace: find-panel.js) are told apart here.

/** What the link box starts with: the link there is, else the selected text (an e-mail address as mailto:). */
export function linkPrefill(existing, selectedText) {
  if (typeof existing === 'string' && existing) return existing;
  const text = (selectedText || '').trim();
  return /^\S+@\S+\.\S+$/.test(text) && !text.startsWith('mailto:') ? 'mailto:' + text : text;
}

export function bindShortcuts(quill) {
  const Link = quill.constructor.import('formats/link');
  delete quill.keyboard.bindings.k; // snow's (the only one on K)
  quill.keyboard.addBinding({ key: 'k', shortKey: true }, (range) => {
    if (!quill.isEnabled() || !range) return true;
    const link = quill.getFormat(range).link;
    if (range.length === 0 && !link) return false; // nothing to link: no box, and not the browser's search either
    const tooltip = quill.theme.tooltip;
    if (range.length === 0) {
      const [blot, offset] = quill.scroll.descendant(Link, range.index);
      if (blot) tooltip.linkRange = { index: range.index - offset, length: blot.length() }; // the whole link, as snow's preview edits it
    }
    tooltip.edit('link', linkPrefill(link, quill.getText(range.index, range.length)));
    return false;
  });
}

/**
 * Which find the key event asks for: 'find' (Ctrl+F, ⌘F on a Mac), 'replace' (Ctrl+H; on a Mac ⌘⇧H,
 * as ⌘H hides the browser, and ⌘H where it reaches the page), or null. A layout without Latin
 * letters gives the key's place (KeyF) instead of a letter.
 */
export function findShortcut(ev, mac) {
  const short = mac ? ev.metaKey && !ev.ctrlKey : ev.ctrlKey && !ev.metaKey;
  if (!short || ev.altKey) return null;
  const key = /^[a-z]$/i.test(ev.key || '') ? ev.key.toLowerCase() : (ev.code || '').replace(/^Key/, '').toLowerCase();
  if (key === 'f' && !ev.shiftKey) return 'find';
  if (key === 'h' && (mac || !ev.shiftKey)) return 'replace';
  return null;
}
