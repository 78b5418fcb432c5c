// A person's colour, the same everywhere: presence gives it with every cursor (Colors.java of
// presence-service), and history and authorship, which name people outside presence, compute the
// same one here. The palette and hash are Colors.java's (test/colors.test.mjs reads it to check).

/**
 * Mid-dark tones: readable as a caret and behind white text (initials, name flags: ≥ 4.5:1, WCAG AA —
 * the green, orange, teal and olive were lighter and gave 2.6–3.8:1), distinct from each other.
 */
export const PALETTE = Object.freeze([
  '#e6194b', '#267f33', '#4363d8', '#b9561a', '#911eb4', '#147f8a',
  '#d6249f', '#557a1f', '#9a6324', '#800000', '#000075', '#5a5a5a']);

/** Shown for text whose author is unknown (older than the record). */
export const UNKNOWN_COLOR = '#888888';

const utf8 = new TextEncoder();

/** The colour of a user: FNV-1a (32 bit) over the id's UTF-8 bytes, into the palette. */
export function colorOf(userId) {
  if (typeof userId !== 'string') return UNKNOWN_COLOR;
  let hash = 0x811c9dc5;
  for (const b of utf8.encode(userId)) {
    hash ^= b;
    hash = Math.imul(hash, 0x01000193);
  }
  return PALETTE[(hash >>> 0) % PALETTE.length];
}

/** The colour as a light tint (for a background behind text): #rrggbb with an alpha. */
export function tint(color, alpha = '40') {
  return /^#[0-9a-fA-F]{6}$/.test(color) ? color + alpha : color;
}
