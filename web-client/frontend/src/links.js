// Links and images may only point where no script runs.
import Quill from 'quill';

const Link = Quill.import('formats/link');
const Image = Quill.import('formats/image');

const SAFE_LINK = /^(https?:|mailto:|tel:)/i;

export function safeLink(url) {
  if (typeof url !== 'string') return 'about:blank';
  const trimmed = url.trim();
  if (!trimmed) return 'about:blank';
  // Resolve like the browser does (strips tabs/newlines, handles case and entity tricks).
  const a = document.createElement('a');
  a.href = trimmed;
  return SAFE_LINK.test(a.protocol) ? a.href : 'about:blank';
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
    a.href = typeof url === 'string' ? url.trim() : '';
    return /^(https?:|data:)$/i.test(a.protocol) && !/^data:(?!image\/(png|jpe?g|gif|webp);)/i.test(a.href) ? a.href : '//:0';
  }
}

export function registerSafeFormats() {
  Quill.register(SafeLink, true);
  Quill.register(SafeImage, true);
}
