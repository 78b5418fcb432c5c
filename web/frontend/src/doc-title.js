// The browser tab's title: the document's, while it is open ("Plans — Verso", following renames),
// the app's name on every other page.
export const APP_TITLE = 'Verso';

export function tabTitle(docTitle) {
  const t = (docTitle || '').trim();
  return (t || 'Untitled') + ' — ' + APP_TITLE;
}
