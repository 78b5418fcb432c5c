// The app's own dialogs instead of the browser's prompt() and confirm(): a modal <dialog> named by
// its heading and described by its message, opened through dialog-focus.js (focus in, Tab kept
// inside, Escape cancels, focus back to the opener). Each answers a promise: confirmDialog true or
// false, promptDialog the trimmed text or null. Enter in the field confirms.
import { el } from './dom.js';
import { showModal } from './dialog-focus.js';

let serial = 0;

/**
 * What a prompt answers for the text typed: null (cancelled) when it was not confirmed, else the
 * text without surrounding spaces, or null when nothing is left (as if cancelled: nothing to do).
 */
export function promptAnswer(confirmed, text) {
  if (!confirmed) return null;
  const t = String(text ?? '').trim();
  return t === '' ? null : t;
}

function open({ id, title, message, confirmLabel, danger, field }) {
  document.getElementById(id)?.remove();
  const n = ++serial;
  const heading = el('h2', { id: `dialog-heading-${n}` }, title);
  const text = message ? el('p', { id: `dialog-message-${n}` }, message) : null;
  const ok = el('button', { type: 'submit', class: danger ? 'confirm danger' : 'confirm', value: 'ok' }, confirmLabel);
  const cancel = el('button', { type: 'button', class: 'cancel' }, 'Cancel');
  const form = el('form', { method: 'dialog' }, heading, text, field, el('div', { class: 'row dialog-buttons' }, cancel, ok));
  const dialog = el('dialog', { id, class: 'app-dialog', 'aria-labelledby': heading.id,
    'aria-describedby': text ? text.id : undefined }, form);
  document.body.append(dialog);
  return new Promise((resolve) => {
    let confirmed = false;
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      confirmed = true;
      dialog.close();
    });
    cancel.addEventListener('click', () => dialog.close());
    dialog.addEventListener('close', () => {
      dialog.remove();
      resolve(confirmed);
    }, { once: true });
    showModal(dialog);
    // the field when there is one, else Cancel for a destructive question (Enter must not destroy)
    (field ? field.querySelector('input') : danger ? cancel : ok).focus();
  });
}

/** Asks a yes/no question; true when confirmed. `danger`: the confirm button says it destroys. */
export async function confirmDialog({ title, message, confirmLabel = 'OK', danger = false, id = 'confirm-dialog' }) {
  return open({ id, title, message, confirmLabel, danger });
}

/** Asks for a line of text (prefilled with `value`); the trimmed text, or null when cancelled or empty. */
export async function promptDialog({ title, label, value = '', confirmLabel = 'OK', maxLength, id = 'prompt-dialog' }) {
  const input = el('input', { type: 'text', id: `${id}-input`, 'aria-label': label, maxlength: maxLength });
  input.value = value;
  const field = el('label', { class: 'dialog-field' }, el('span', {}, label), input);
  input.removeAttribute('aria-label'); // the <label> around it names it
  const confirmed = await open({ id, title, confirmLabel, field });
  return promptAnswer(confirmed, input.value);
}
