// Who else is here: one round chip per other person in the editor's header.
import { el } from './dom.js';

/** Up to two initials of a display name, for a person's chip. */
export function initials(name) {
  const words = name.trim().split(/\s+/).filter(Boolean);
  const letters = words.length > 1 ? [words[0], words[words.length - 1]] : words;
  return letters.map((w) => Array.from(w)[0].toUpperCase()).join('') || '?';
}

/**
 * Renders into list one chip per user among present (client id → {userId, name, color}), sorted
 * by name: a person with several tabs open is one chip, and one's own other tabs (myId) are not shown.
 */
export function renderPeople(list, present, myId) {
  const byUser = new Map();
  for (const p of present.values()) {
    if (p.userId !== myId && !byUser.has(p.userId)) byUser.set(p.userId, p);
  }
  list.replaceChildren(...[...byUser.values()]
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((p) => {
      const chip = el('li', { class: 'person', title: p.name, 'aria-label': p.name, 'data-user-id': p.userId },
        initials(p.name));
      chip.style.setProperty('--person', p.color);
      return chip;
    }));
}
