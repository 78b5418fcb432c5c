// A menu made of <details>/<summary> (Download) closes as menus do: on choosing one of its items,
// on Escape (focus back on its button) and on a click or tap anywhere outside it. The browser alone
// closes it only by clicking its summary again.

/** Whether an event on the page closes the open menu: a click outside it or on one of its items, or Escape. */
export function closes(event, inMenu, onItem) {
  if (event.type === 'keydown') return event.key === 'Escape';
  if (event.type === 'click' || event.type === 'pointerdown') return !inMenu || onItem;
  return false;
}

/** Makes `details` close like a menu; its items are the elements matching `itemSelector`. Returns stop(). */
export function closeLikeAMenu(details, itemSelector) {
  const onEvent = (e) => {
    if (!details.open) return;
    const inMenu = details.contains(e.target);
    const onItem = inMenu && e.target instanceof Element && e.target.closest(itemSelector) !== null;
    if (!closes(e, inMenu, onItem)) return;
    details.open = false;
    if (e.type === 'keydown' && inMenu) details.querySelector('summary').focus();
  };
  document.addEventListener('click', onEvent, true);
  document.addEventListener('keydown', onEvent, true);
  return () => {
    document.removeEventListener('click', onEvent, true);
    document.removeEventListener('keydown', onEvent, true);
  };
}
