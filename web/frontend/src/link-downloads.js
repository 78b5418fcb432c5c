// Downloads of a document opened by a share link: a plain <a download> cannot carry the link's token
// (a request header), so on such a page a click fetches the file with it and saves the answer under
// the name the server gave. A member's download stays the browser's own.
import { apiHeaders } from './share-links.js';

/** The file name of a Content-Disposition header (attachment; filename="…"), or the fallback. */
export function fileNameOf(disposition, fallback) {
  const m = /filename="([^"/\\]+)"/.exec(disposition || '');
  return m ? m[1] : fallback;
}

/** Makes the download menu's links carry the page's share link, when it has one. */
export function downloadsWithLinks(menu) {
  menu.addEventListener('click', async (e) => {
    const a = e.target.closest('a[data-format]');
    const headers = a ? apiHeaders(new URL(a.href).pathname) : {};
    if (!headers['X-Verso-Link']) return;
    e.preventDefault();
    const res = await fetch(a.href, { credentials: 'same-origin', cache: 'no-store',
      headers: { 'X-Requested-With': 'verso', ...headers } });
    if (!res.ok) return;
    const url = URL.createObjectURL(await res.blob());
    const save = Object.assign(document.createElement('a'), { href: url,
      download: fileNameOf(res.headers.get('Content-Disposition'), 'document') });
    document.body.append(save);
    save.click();
    save.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
  });
}
