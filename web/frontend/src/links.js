// Links and images may only point where no script runs.
import Quill from 'quill';

const Link = Quill.import('formats/link');
const Image = Quill.import('formats/image');

const SAFE_LINK = /^(https?:|mailto:|tel:)/i;

/** What an unsafe link becomes: inert, and a value the server's op policy accepts (relative). */
export const BLOCKED_LINK = '#';

export function isSafeLink(url) {
  if (typeof url !== 'string' || !url.trim()) return false;
  // Resolve like the browser does (strips tabs/newlines, handles case and entity tricks).
  const a = document.createElement('a');
  a.href = url.trim();
  return SAFE_LINK.test(a.protocol);
}

export function safeLink(url) {
  return isSafeLink(url) ? url.trim() : BLOCKED_LINK;
}

/** Clipboard matcher: a pasted link to anything but http(s)/mailto/tel becomes plain text. */
export function dropUnsafePastedLinks(node, delta) {
  if (isSafeLink(node.getAttribute('href'))) return delta;
  delta.ops = delta.ops.map((op) => {
    if (!op.attributes || op.attributes.link === undefined) return op;
    const { link, ...rest } = op.attributes;
    const copy = { ...op };
    delete copy.attributes;
    if (Object.keys(rest).length) copy.attributes = rest;
    return copy;
  });
  return delta;
}

class SafeLink extends Link {
  static PROTOCOL_WHITELIST = ['http', 'https', 'mailto', 'tel'];
  static sanitize(url) {
    return safeLink(url);
  }
}

class SafeImage extends Image {
  static sanitize(url) {
    const a = document.createElement('a');
    const given = typeof url === 'string' ? url.trim() : '';
    a.href = given;
    if (!/^(https?:|data:)$/i.test(a.protocol) || /^data:(?!image\/(png|jpe?g|gif|webp);)/i.test(a.href)) return '//:0';
    // a path on this server (an uploaded image: /api/docs/{id}/images/{imageId}) stays as the op carries
    // it, so the document holds the same URL on every page and behind every host name
    return /^\/(?![\/\\])/.test(given) ? given : a.href;
  }
}

export function registerSafeFormats() {
  Quill.register(SafeLink, true);
  Quill.register(SafeImage, true);
}
