// The editor page's DOM: the header (back link, title, people, notice, status line, tools' buttons,
// download menu, share button), the toolbar (toolbar.js) and Quill 2 with remote cursors
// (quill-cursors) and its shortcuts (shortcuts.js), find and replace (find-panel.js), the word count
// under it (word-count-view.js), with room beside it for the history panel. It shows what it is told
// (status, read-only, notices) and decides nothing.
import Quill from 'quill';
import QuillCursors from 'quill-cursors';
import { el } from './dom.js';
import { openShareDialog } from './share.js';
import { dropUnsafePastedLinks } from './links.js';
import { guardPastes } from './pasted.js';
import { QUILL_FORMATS } from './formats.js';
import { exportPath } from './addresses.js';
import { atLeast, OWNER } from './roles.js';
import { Toolbar, registerToolbarIcons, nameLinkBox } from './toolbar.js';
import { bindShortcuts } from './shortcuts.js';
import { closeLikeAMenu } from './menus.js';
import { WordCountView } from './word-count-view.js';
import { mountFind } from './find-panel.js';
import { mountImageUploads, UPLOADER_OPTIONS } from './image-uploads.js';
import { refresh } from './api.js';
import { TableMenu } from './table-menu.js';
import { newRowId } from './tables.js';
import { downloadsWithLinks } from './link-downloads.js';

Quill.register('modules/cursors', QuillCursors);
registerToolbarIcons(Quill);

// everything the server's format list takes is reachable here (issue 26), undo and redo first
const TOOLBAR = [
  ['undo', 'redo'],
  [{ header: [1, 2, 3, false] }],
  ['bold', 'italic', 'underline', 'strike'],
  [{ color: [] }, { background: [] }],
  [{ align: [] }],
  [{ list: 'ordered' }, { list: 'bullet' }, { list: 'check' }],
  [{ indent: '-1' }, { indent: '+1' }],
  ['link', 'image', 'code', 'code-block', 'blockquote'],
  ['clean'],
];

/** The toolbar's undo and redo: the page's own history (the user's edits only, as the keyboard's). */
const TOOLBAR_HANDLERS = {
  undo() { this.quill.history.undo(); },
  redo() { this.quill.history.redo(); },
};

const STATUS_TEXT = {
  loading: 'Loading…',
  saving: 'Saving…',
  saved: 'All changes saved',
  offline: 'Offline — changes will sync',
  readonly: 'Read-only',
  revoked: 'No access any more — the document was unshared or deleted',
  trashed: 'This document is in the trash',
  broken: 'Cannot display this document',
  error: 'Could not save — reload the page',
};

/** How long a notice stays. */
const NOTICE_MS = 15000;

const EXPORTS = [['docx', 'Word (.docx)'], ['pdf', 'PDF (.pdf)'], ['html', 'Web page (.html)'], ['md', 'Markdown (.md)'],
  ['txt', 'Plain text (.txt)']];

function downloadMenu(docId) {
  return el('details', { id: 'export' }, el('summary', {}, 'Download'),
    el('div', { class: 'menu' }, ...EXPORTS.map(([format, label]) => el('a', { href: exportPath(docId, format),
      download: '', 'data-format': format }, label))));
}

function createQuill(host, toolbar) {
  const quill = new Quill(host, {
    theme: 'snow',
    modules: {
      toolbar: { container: TOOLBAR, handlers: TOOLBAR_HANDLERS },
      history: { userOnly: true, delay: 500, maxStack: 500 },
      uploader: UPLOADER_OPTIONS, // the Image button's picker offers what the server stores; image-uploads.js uploads
      table: true, // Quill 2's tables: the Table menu (table-menu.js) drives it
      // a name stays 1 s after the pointer leaves its caret (or a touch); name-flags.js hides it after activity
      cursors: { transformOnTextChange: true, hideDelayMs: 1000, hideSpeedMs: 0 },
    },
    placeholder: 'Start writing…',
    formats: QUILL_FORMATS, // the shared list: exactly what the server accepts
  });
  // Quill put its toolbar right before the editor: move it into our slot.
  const qlToolbar = host.previousElementSibling;
  if (qlToolbar && qlToolbar.classList.contains('ql-toolbar')) toolbar.replaceWith(qlToolbar);
  quill.clipboard.addMatcher('A', dropUnsafePastedLinks);
  nameLinkBox(quill);
  bindShortcuts(quill);
  return quill;
}

export class EditorPage {
  /** Lays the page out into root; titleElement is the title's (TitleView). */
  constructor(root, docId, meta, titleElement) {
    // read out when it changes, after what the user is doing (the only polite live region: people and cursors are not)
    this.status = el('span', { id: 'status', 'data-status': 'loading', role: 'status', 'aria-live': 'polite' }, STATUS_TEXT.loading);
    this.people = el('ul', { id: 'people', 'aria-label': 'Also here' });
    this.notice = el('span', { id: 'notice', role: 'alert' });
    const shareBtn = el('button', { id: 'share-btn', type: 'button' }, 'Share');
    shareBtn.hidden = !atLeast(meta.role, OWNER);
    shareBtn.addEventListener('click', () => openShareDialog(docId));
    const toolbar = el('div', { id: 'toolbar' });
    const host = el('div', { id: 'editor' });
    this.download = downloadMenu(docId);
    downloadsWithLinks(this.download); // a page opened by a share link downloads with its token
    this.wrap = el('div', { class: 'editor-wrap' }, toolbar, host);
    this.main = el('div', { class: 'editor-main' }, this.wrap); // the editor, and beside it what tools add (history)
    root.replaceChildren(
      el('header', { class: 'bar' }, el('a', { href: '#/', id: 'back' }, '← Documents'), titleElement, this.people,
        this.notice, this.status, this.download, shareBtn),
      this.main);
    this.quill = createQuill(host, toolbar);
    this.wordCount = new WordCountView(this.quill);
    this.wrap.append(this.wordCount.element);
    guardPastes(this.quill, (message) => this.tell(message, 'info'), newRowId); // only what the server takes, and said so
    this.toolbar = new Toolbar(this.quill.getModule('toolbar').container);
    this.find = mountFind(this, this.quill); // after the Toolbar: its button stays usable read-only
    this.tables = new TableMenu(this.quill, this.toolbar.container);
    this.setWritable(false);
    mountImageUploads(this.quill, docId, { tell: (message, kind) => this.tell(message, kind), refresh,
      writable: () => this.writable });
    this.stopMenu = closeLikeAMenu(this.download, 'a');
    this.cursors = this.quill.getModule('cursors');
    this.noticeTimer = null;
  }

  /** Whether the user may change the text now: the editor and its toolbar together. */
  setWritable(writable) {
    this.writable = writable;
    this.quill.enable(writable);
    this.toolbar.setEnabled(writable);
    this.find.setWritable(writable);
    this.tables.setEnabled(writable);
  }

  /** Buttons of a tool (history), into the header before the download menu. */
  addTools(...buttons) {
    this.download.before(...buttons);
  }

  /** The status line: a state of DocSession.status(). */
  showStatus(status) {
    if (this.status.dataset.status !== status) {
      this.status.dataset.status = status;
      this.status.textContent = STATUS_TEXT[status];
    }
  }

  /** A message the user must see (not a state, unlike the status line): shown for 15 s; red unless
   * it reports a success ({@code kind} 'info'). */
  tell(message, kind = 'error') {
    this.notice.textContent = message;
    this.notice.classList.toggle('info', kind === 'info');
    clearTimeout(this.noticeTimer);
    this.noticeTimer = setTimeout(() => { this.notice.textContent = ''; }, NOTICE_MS);
  }

  stop() {
    clearTimeout(this.noticeTimer);
    this.stopMenu();
    this.tables.stop();
    this.wordCount.stop();
    this.find.stop();
  }
}
