// What a document may hold, on the page's side: the formats and embeds of protocol's formats.json,
// the one list the edit-service enforces too (FormatPolicy). Quill gets exactly these (its formats
// option), so the page never accepts content the server refuses, nor the server content the page
// cannot render. No DOM: unit-tested under node --test.
import list from '../../../protocol/src/main/resources/io/verso/protocol/formats.json' with { type: 'json' };
import { TOO_LARGE } from './codes.js';

/** Quill's formats option: the listed formats and embeds (an image's alt/width/height are not formats). */
export const QUILL_FORMATS = Object.freeze([...list.formats, ...list.embeds]);

/** The attributes an op may carry (formats, and an image's alt/width/height) and the embeds it may insert. */
export const ACCEPTED_ATTRIBUTES = new Set([...list.formats, ...list.embedAttributes]);
export const ACCEPTED_EMBEDS = new Set(list.embeds);

/**
 * The largest inline image (data URL) the page sends at all: one op travels in one bridge frame of
 * at most 1 MiB, and a bigger frame closes the socket on every resend. The server's own limit
 * (edit.maxInlineImageBytes, 256 KiB by default) is lower and answered with 413.
 */
export const MAX_SENDABLE_IMAGE = 768 * 1024;

function images(ops) {
  return (ops || []).filter((op) => op.insert && typeof op.insert === 'object' && 'image' in op.insert);
}

/** True when a change inserts an image too large to send (see MAX_SENDABLE_IMAGE). */
export function hasUnsendableImage(delta, max = MAX_SENDABLE_IMAGE) {
  return images(delta.ops).some((op) => typeof op.insert.image === 'string' && op.insert.image.length > max);
}

export const IMAGE_TOO_LARGE = 'The image is too large to put into a document and was removed.';

/**
 * What to tell the user when the server refused a change (413/422) and the page undoes it; ops is
 * the refused op. An image gets its own message, so a refused image is never dropped silently.
 */
export function refusalNotice(code, ops) {
  const image = images(ops).length > 0;
  if (code === TOO_LARGE) return image ? IMAGE_TOO_LARGE : 'A change was too large for the document and was undone.';
  return image ? 'The image could not be put into the document (only PNG, JPEG, GIF and WebP images and web links to images can) and was removed.'
    : 'A change could not be applied and was undone.';
}
