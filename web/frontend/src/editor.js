// The editor of one document, wired together: the page (editor-page.js) and its title (title.js),
// the document session over the event-bus bridge (doc-session.js: open, events, catch-up, resync,
// the OT client), unsaved edits journaled and a gone page's taken over (journal.js, recovery.js),
// who else is here (presence-view.js), content the page cannot render (render-guard.js), version
// history and authors' colours (history-panel.js), comments (comments-panel.js), and undo/redo of one's own edits only (Quill's
// history with userOnly). Each of those has one job; this only wires.
import Delta from 'quill-delta';
import { Connection } from './connection.js';
import { api } from './api.js';
import { Journal } from './journal.js';
import { exposeTestHooks } from './test-hooks.js';
import { hasUnsendableImage, IMAGE_TOO_LARGE } from './formats.js';
import { RenderGuard } from './render-guard.js';
import { renderPeople } from './people.js';
import { docAddress, docPath } from './addresses.js';
import { DocSession } from './doc-session.js';
import { Recovery } from './recovery.js';
import { PresenceView } from './presence-view.js';
import { TitleView } from './title.js';
import { EditorPage } from './editor-page.js';
import { mountHistory } from './history-panel.js';
import { mountComments } from './comments-panel.js';
import { showTrashed } from './trash-page.js';

function randomId() {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** The connection, as the session uses it. */
function connectionIo(conn) {
  return {
    request: (address, body) => conn.request(address, body),
    register: (address, handler) => conn.register(address, handler),
    reregister: (address) => conn.reregister(address),
    connected: () => conn.connected(),
  };
}

/** Showing the document in Quill, through the render guard. */
function renderIo(quill, guard) {
  return {
    apply: (delta) => guard.apply(() => quill.updateContents(delta, 'api')),
    setContents: (ops) => {
      guard.open(() => quill.setContents(new Delta(ops), 'api'));
      quill.history.clear();
    },
    broken: () => guard.broken,
  };
}

/** Edits typed in this page go to the OT client; an image too large for one frame is taken out again. */
function sendEdits(quill, session, page) {
  quill.on('text-change', (delta, old, source) => {
    if (source !== 'user' || session.readOnly()) return;
    if (!hasUnsendableImage(delta)) session.local(delta);
    else { quill.updateContents(delta.invert(old), 'api'); page.tell(IMAGE_TOO_LARGE); } // would not fit one frame
  });
}

/**
 * Edits not yet acknowledged (typed offline, or still in flight) would be lost with the page: the
 * browser asks before closing or reloading it, and the app before leaving the editor (unsaved()).
 */
function askBeforeUnload(ot) {
  const warnIfUnsaved = (ev) => {
    if (ot.hasPending()) {
      ev.preventDefault();
      ev.returnValue = '';
    }
  };
  window.addEventListener('beforeunload', warnIfUnsaved);
  return warnIfUnsaved;
}

/** Mounts the editor for a document into root; returns a function that tears it down. */
export async function mountEditor(root, docId, me, onSignedOut) {
  const meta = await api('GET', docPath(docId));
  const title = new TitleView(meta.title, { rename: (t) => api('PATCH', docPath(docId), { title: t }),
    readOnly: () => session.readOnly() });
  const page = new EditorPage(root, docId, meta, title.element);
  const quill = page.quill;
  // Two random ids per editor instance. The OT client id names this page's submits only: kept across
  // reconnects (the in-flight op is resent with the same (clientId, seq)), never reused after a reload,
  // where seq starts again at 1, traded for a gone page's id when its edits are taken over (recovery.js).
  // The presence id names the page in presence (presence-view.js says why it is another one).
  const clientId = randomId();
  const presenceId = randomId();
  // Unacknowledged edits are journaled in this browser so that they outlive the tab (journal.js).
  const journal = Journal.open(me.id, docId, clientId);
  const conn = new Connection({ onOpen: () => session.onOpen(), onClose: () => session.onClose(), onSignedOut });
  // Content the page cannot render is reported and reloaded, or said so when the document itself has it.
  const guard = new RenderGuard({ report: (what, err) => { console.error(what, err); page.tell(what); },
    resync: () => session.resync(), changed: showAccess });
  const session = new DocSession({
    ...connectionIo(conn),
    ...renderIo(quill, guard),
    statusChanged: showStatus,
    accessChanged: showAccess,
    pending: (state) => { if (journal) journal.save(state); },
    title: (t) => title.show(t),
    tell: (message) => page.tell(message),
    opened: () => recovery.run(),
    synced: () => { presence.synced(); comments.synced(); },
    committed: (ev) => comments.committed(ev),
    comment: (ev) => comments.event(ev),
    reloaded: () => comments.reloaded(),
  }, { docId, clientId, role: meta.role });
  const ot = session.ot;
  const recovery = new Recovery({ journal, ot, pages: (fromRev) => session.pages(fromRev),
    show: (change) => quill.updateContents(change, 'api'), writable: () => !session.readOnly(),
    ready: () => session.opened && session.synced });
  const presence = new PresenceView({ conn, quill, cursors: page.cursors, ot,
    render: (present) => renderPeople(page.people, present, me.id), ready: () => session.opened }, docId, presenceId);
  const history = mountHistory(page, quill, ot, docId, meta.role);
  const comments = mountComments(page, quill, ot, (body) => conn.request(docAddress(docId), body), docId, me, meta.role);
  function showStatus() {
    page.showStatus(session.status());
  }
  function showAccess() {
    if (session.readOnly()) page.setWritable(false);
    else if (session.opened) page.setWritable(true);
    title.setEditable(!session.readOnly());
    history.setRole(session.role);
    comments.setRole(session.role);
    if (session.trashed) showTrashed(root, docId, session.trashedRole === 'owner', () => location.reload());
    showStatus();
  }

  session.start();
  sendEdits(quill, session, page);
  presence.start();
  recovery.start();
  const warnIfUnsaved = askBeforeUnload(ot);
  const removeTestHooks = exposeTestHooks({ quill, ot, conn, presenceId, status: page.status, cursors: page.cursors,
    people: page.people, docAddress: docAddress(docId), warnIfUnsaved, comments: comments.model });
  conn.start();
  showStatus();
  const teardown = () => {
    recovery.stop();
    presence.stop();
    history.stop();
    comments.stop();
    session.stop();
    page.stop();
    window.removeEventListener('beforeunload', warnIfUnsaved);
    if (journal) journal.close(); // pending edits stay journaled for the next editor of this document
    conn.stop();
    removeTestHooks();
  };
  teardown.unsaved = () => ot.hasPending();
  teardown.journaled = journal !== null;
  return teardown;
}
