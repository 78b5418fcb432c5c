// The editor page: Quill 2 bound to the OT client over the event-bus bridge, remote cursors
// (quill-cursors, via presence), who else is here, a status line, undo/redo of one's own edits only.
import Quill from 'quill';
import Delta from 'quill-delta';
import QuillCursors from 'quill-cursors';
import { OtClient, rebasePending } from './ot-client.js';
import { Journal } from './journal.js';
import { mergePresenceList } from './presence-list.js';
import { Connection } from './connection.js';
import { api } from './api.js';
import { el } from './dom.js';
import { openShareDialog } from './share.js';
import { dropUnsafePastedLinks } from './links.js';
import { exposeTestHooks } from './test-hooks.js';
import { QUILL_FORMATS, hasUnsendableImage, refusalNotice, IMAGE_TOO_LARGE } from './formats.js';
import { RenderGuard } from './render-guard.js';
import { renderPeople } from './people.js';

Quill.register('modules/cursors', QuillCursors);

/** Failure codes of a registration that are worth another try: rate limited, unavailable (a lookup timed out). */
const RETRY_REGISTRATION = new Set([429, 500, 503]);
const REGISTER_RETRY_MS = 250;
/** How often an open editor looks for edits that another page of this document left behind (closed, crashed). */
const RECOVER_EVERY_MS = 5000;
let eventRetryMs = REGISTER_RETRY_MS;

const TOOLBAR = [
  [{ header: [1, 2, 3, false] }],
  ['bold', 'italic', 'underline', 'strike'],
  [{ list: 'ordered' }, { list: 'bullet' }],
  ['link', 'code', 'code-block', 'blockquote'],
  ['clean'],
];

const STATUS_TEXT = {
  loading: 'Loading…',
  saving: 'Saving…',
  saved: 'All changes saved',
  offline: 'Offline — changes will sync',
  readonly: 'Read-only',
  revoked: 'No access any more — the document was unshared or deleted',
  broken: 'Cannot display this document',
  error: 'Could not save — reload the page',
};

/** A colour as presence gives it (#rgb or #rrggbb); anything else is not put into a style. */
const COLOR = /^#[0-9a-fA-F]{3}([0-9a-fA-F]{3})?$/;

function randomId() {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Mounts the editor for a document into root; returns a function that tears it down. */
export async function mountEditor(root, docId, me, onSignedOut) {
  const meta = await api('GET', '/api/docs/' + encodeURIComponent(docId));
  const docAddress = 'doc.' + docId;
  const status = el('span', { id: 'status', 'data-status': 'loading' }, STATUS_TEXT.loading);
  const title = el('h1', { id: 'doc-title' }, meta.title || 'Untitled');
  const people = el('ul', { id: 'people', 'aria-label': 'Also here' });
  const notice = el('span', { id: 'notice', role: 'alert' });
  const shareBtn = el('button', { id: 'share-btn', type: 'button' }, 'Share');
  shareBtn.hidden = meta.role !== 'owner';
  shareBtn.addEventListener('click', () => openShareDialog(docId));
  const download = el('details', { id: 'export' }, el('summary', {}, 'Download'),
    el('div', { class: 'menu' }, ...[['html', 'Web page (.html)'], ['md', 'Markdown (.md)'], ['txt', 'Plain text (.txt)']]
      .map(([format, label]) => el('a', { href: '/api/docs/' + encodeURIComponent(docId) + '/export?format=' + format,
        download: '', 'data-format': format }, label))));
  const toolbar = el('div', { id: 'toolbar' });
  const host = el('div', { id: 'editor' });
  root.replaceChildren(
    el('header', { class: 'bar' }, el('a', { href: '#/', id: 'back' }, '← Documents'), title, people, notice, status, download, shareBtn),
    el('div', { class: 'editor-wrap' }, toolbar, host));

  const quill = new Quill(host, {
    theme: 'snow',
    modules: {
      toolbar: { container: TOOLBAR },
      history: { userOnly: true, delay: 500, maxStack: 500 },
      cursors: { transformOnTextChange: true, hideDelayMs: 600000, hideSpeedMs: 0 },
    },
    placeholder: 'Start writing…',
    formats: QUILL_FORMATS, // the shared list: exactly what the server accepts
  });
  // Quill put its toolbar right before the editor: move it into our slot.
  const qlToolbar = host.previousElementSibling;
  if (qlToolbar && qlToolbar.classList.contains('ql-toolbar')) toolbar.replaceWith(qlToolbar);
  quill.clipboard.addMatcher('A', dropUnsafePastedLinks);
  quill.disable();
  const cursors = quill.getModule('cursors');

  // One client id per editor instance: kept across reconnects (the in-flight op is resent with the
  // same (clientId, seq)), never reused after a reload, where seq starts again at 1. It also names
  // this page in presence; the OT client trades it for a gone page's id when it takes over that
  // page's unsent edits (recoverUnsaved), to send them under their own (clientId, seq).
  const clientId = randomId();
  let role = meta.role;
  let opened = false; // the document content is loaded
  let synced = false; // caught up on this connection: live events may be applied
  let failed = false;
  let gone = false; // torn down
  let recovering = false; // recoverUnsaved under way
  let queue = [];
  let catchingUp = false;

  const readOnly = () => guard.broken || (role !== 'owner' && role !== 'editor');
  const setStatus = () => {
    let s;
    if (guard.broken) s = 'broken';
    else if (failed) s = 'error';
    else if (opened && role === null) s = 'revoked';
    else if (!opened) s = conn.connected() ? 'loading' : 'offline';
    else if (readOnly()) s = 'readonly';
    else if (!conn.connected() || !synced) s = 'offline';
    else s = ot.hasPending() ? 'saving' : 'saved';
    if (status.dataset.status !== s) {
      status.dataset.status = s;
      status.textContent = STATUS_TEXT[s];
    }
  };

  // Unacknowledged edits are journaled in this browser so that they outlive the tab (journal.js).
  const journal = Journal.open(me.id, docId, clientId);
  const ot = new OtClient({
    submit: (m) => conn.request(docAddress, { action: 'submit', ...m }),
    apply: (delta) => guard.apply(() => quill.updateContents(delta, 'api')),
    changed: () => {
      setStatus();
      if (journal) journal.save(ot.pendingState());
    },
    failed: (err) => {
      console.warn('submit refused', err.failureCode, err.message);
      if (err.failureCode === 403) {
        role = 'viewer';
        applyRole();
      } else {
        if (err.failureCode === 413 || err.failureCode === 422) tell(refusalNotice(err.failureCode, ot.pendingState()?.inflight?.ops));
        resync();
      }
    },
  }, clientId);

  // Content the page cannot render is reported and reloaded, or said so when the document itself has it.
  const guard = new RenderGuard({ report: (what, e) => { console.error(what, e); tell(what); }, resync, changed: applyRole });
  let noticeTimer = null;
  /** A message the user must see (not a state, unlike the status line): shown for 15 s. */
  function tell(message) {
    notice.textContent = message;
    clearTimeout(noticeTimer);
    noticeTimer = setTimeout(() => { notice.textContent = ''; }, 15000);
  }

  function applyRole() {
    if (readOnly()) quill.disable();
    else if (opened) quill.enable();
    title.classList.toggle('editable', !readOnly());
    if (readOnly()) title.removeAttribute('tabindex');
    else title.setAttribute('tabindex', '0'); // reachable from the keyboard: Enter or F2 renames
    setStatus();
  }

  // ---- the title: renamed in place by editors and owners; everyone's page follows a rename at once
  let titleText = meta.title || 'Untitled';
  let renaming = null; // the input while the title is being edited
  function showTitle(t) {
    titleText = t;
    if (!renaming) title.textContent = t;
  }
  title.addEventListener('keydown', (e) => {
    if (e.target === title && (e.key === 'Enter' || e.key === 'F2')) {
      e.preventDefault();
      startRename();
    }
  });
  title.addEventListener('click', () => startRename());
  function startRename() {
    if (renaming || readOnly()) return;
    const input = el('input', { id: 'title-input', maxlength: '200', 'aria-label': 'Title' });
    input.value = titleText;
    renaming = input;
    const finish = (save) => {
      if (renaming !== input) return;
      renaming = null;
      const t = input.value.trim();
      title.textContent = titleText;
      if (!save || !t || t === titleText) return;
      const before = titleText;
      showTitle(t);
      api('PATCH', '/api/docs/' + encodeURIComponent(docId), { title: t }).catch((e) => {
        console.warn('rename refused', e && e.message);
        if (titleText === t) showTitle(before);
      });
    };
    input.addEventListener('keydown', (e) => {
      if (e.key === 'Enter') finish(true);
      else if (e.key === 'Escape') finish(false);
    });
    input.addEventListener('blur', () => finish(true));
    title.replaceChildren(input);
    input.focus();
    input.select();
  }

  function onEvent(err, msg) {
    if (err) {
      if (err.failureCode === 403) {
        role = null;
        applyRole();
      } else if (RETRY_REGISTRATION.has(err.failureCode)) {
        retryRegistration('doc.' + docId + '.events', catchUp);
      }
      return;
    }
    eventRetryMs = REGISTER_RETRY_MS;
    const ev = msg.body;
    if (ev && ev.type === 'role') {
      role = ev.role;
      applyRole();
      // edits refused while we could not write (403) are still pending: send them now that we can
      if (!readOnly() && synced) ot.flush();
      return;
    }
    if (ev && ev.type === 'title') {
      if (typeof ev.title === 'string' && ev.title) showTitle(ev.title);
      return;
    }
    if (!synced) {
      queue.push(ev);
      return;
    }
    if (ot.receive(ev) === 'gap') catchUp();
  }

  /**
   * Catch-up pages until the server has no more (one answers at most 1,000 ops). Stopping after one
   * page would resend a pending op based more than the sequencer's window behind the head after a
   * long time offline: refused with 410, and the resync would drop it.
   */
  async function catchUpFully() {
    for await (const page of catchupPages(ot.rev)) {
      for (const ev of page) ot.receive(ev);
    }
  }

  /** The committed op events after fromRev, a catch-up page at a time, while the server has more. */
  async function* catchupPages(fromRev) {
    let at = fromRev;
    for (;;) {
      const reply = await conn.request(docAddress, { action: 'catchup', fromRev: at });
      const page = reply.events.filter((e) => e.rev > at);
      if (page.length === 0) return;
      yield page;
      if (!reply.more) return;
      at = page[page.length - 1].rev;
    }
  }

  async function catchUp() {
    if (catchingUp) return;
    catchingUp = true;
    try {
      await catchUpFully();
    } catch (e) {
      // Offline: the reconnect catches up. Too far behind: reload the document.
      if (e && e.failureCode === 410) resync();
    } finally {
      catchingUp = false;
    }
  }

  /**
   * Edits that a gone tab of this user left unacknowledged on this document (journal.js): rebased
   * over the ops committed since, shown, and sent under that tab's client id, so an op the server
   * already has is answered as a duplicate. Only into an idle editor; anything that does not fit
   * (a gap, our own edits meanwhile, no right to edit) leaves the entry for a later editor.
   */
  async function recoverUnsaved() {
    if (!journal || gone || recovering || readOnly() || ot.hasPending()) return;
    recovering = true;
    let claimed = null;
    try {
      claimed = await journal.claimOrphan();
      for (let attempt = 0; claimed !== null && attempt < 3; attempt++) {
        const head = ot.rev;
        const rebased = rebasePending(claimed.state, await eventsBetween(claimed.state.rev, head));
        if (ot.rev !== head) continue; // more ops came meanwhile: rebase over those too
        if (gone || ot.hasPending() || readOnly()) break;
        // an entry from ahead of this document (restored from a backup?) cannot be adopted: keep it
        if (rebased.state !== null && rebased.state.rev !== ot.rev) break;
        journal.takeOver(claimed); // from here on the entry and its lock are this editor's
        claimed = null;
        if (rebased.state === null) {
          journal.save(null); // all of it had been committed: nothing to send
        } else {
          quill.updateContents(rebased.change, 'api');
          ot.adopt(rebased.state);
        }
      }
    } catch (e) {
      console.warn('unsaved edits of a closed tab kept for later:', e && e.message);
    } finally {
      recovering = false;
      if (claimed !== null) claimed.release(); // not taken over: the entry waits for a later look
    }
  }

  /** The committed op events in (fromRev, toRev], over as many catch-up pages as it takes. */
  async function eventsBetween(fromRev, toRev) {
    const events = [];
    if (fromRev < toRev) {
      for await (const page of catchupPages(fromRev)) {
        events.push(...page.filter((e) => e.rev <= toRev));
        if (page[page.length - 1].rev >= toRev) break;
      }
    }
    const reached = events.length > 0 ? events[events.length - 1].rev : fromRev;
    if (reached < toRev) throw new Error('ops ' + reached + '..' + toRev + ' could not be fetched');
    return events;
  }

  async function load() {
    const doc = await conn.request(docAddress, { action: 'open' });
    role = doc.role;
    guard.open(() => quill.setContents(new Delta(doc.content), 'api'));
    quill.history.clear();
    ot.reset(doc.rev);
    if (doc.title) showTitle(doc.title);
    opened = true;
  }

  async function resync() {
    synced = false;
    queue = [];
    try {
      await load();
      synced = true;
      failed = false;
    } catch (e) {
      failed = true;
    }
    applyRole();
  }

  async function onOpen() {
    try {
      if (!opened) {
        await load();
        await recoverUnsaved();
      } else {
        await catchUpFully(); // before the pending op goes out again: its baseRev is then the head
      }
      for (const ev of queue) ot.receive(ev);
      queue = [];
      synced = true;
      ot.setOnline(true);
      ot.flush();
      applyRole();
      presenceList();
      sendPresence();
    } catch (e) {
      if (e && e.failureCode === 410) {
        await resync();
        ot.setOnline(true);
      } else if (e && (e.failureCode === 403 || e.failureCode === 404)) {
        if (opened) {
          role = null; // unshared or deleted while we were away: say so, keep the text readable
          applyRole();
        } else {
          failed = true;
          setStatus();
        }
      }
    }
  }

  const conn = new Connection({
    onOpen,
    onClose: () => {
      synced = false;
      ot.setOnline(false);
      setStatus();
    },
    onSignedOut,
  });
  conn.register('doc.' + docId + '.events', onEvent);
  conn.register('presence.' + docId + '.events', onPresence);

  quill.on('text-change', (delta, old, source) => {
    if (source !== 'user' || readOnly()) return;
    if (!hasUnsendableImage(delta)) ot.local(delta);
    else { quill.updateContents(delta.invert(old), 'api'); tell(IMAGE_TOO_LARGE); } // would not fit one frame
  });

  // ---- presence: our selection out (throttled, latest wins), others' cursors in
  let presenceTimer = null;
  let lastRange = null;
  function sendPresence() {
    if (presenceTimer) return;
    presenceTimer = setTimeout(() => {
      presenceTimer = null;
      if (!conn.connected() || !opened) return;
      const r = lastRange;
      conn.send('presence.' + docId, { action: 'update', clientId, rev: ot.rev,
        selection: r ? { index: r.index, length: r.length } : null });
    }, 100);
  }
  quill.on('selection-change', (range) => {
    lastRange = range;
    sendPresence();
  });
  quill.on('text-change', (d, o, source) => {
    if (source === 'user') {
      lastRange = quill.getSelection();
      sendPresence();
    }
  });
  const recovery = setInterval(() => { if (opened && synced) recoverUnsaved(); }, RECOVER_EVERY_MS);
  const heartbeat = setInterval(() => {
    if (conn.connected()) conn.send('presence.' + docId, { action: 'heartbeat', clientId });
  }, 20000);

  // Everyone else here, by client: a cursor each, and a chip per person in the header (one for a
  // person with several tabs open; none for one's own other tabs).
  const present = new Map();
  function showRemote(p) {
    if (!p || p.clientId === clientId) return;
    if (p.type === 'leave') {
      cursors.removeCursor(p.clientId);
      present.delete(p.clientId);
      renderPeople(people, present, me.id);
      return;
    }
    const name = p.name || 'someone';
    const color = COLOR.test(p.color || '') ? p.color : '#888';
    cursors.createCursor(p.clientId, name, color);
    const was = present.get(p.clientId);
    if (!was || was.userId !== p.userId || was.name !== name || was.color !== color) {
      present.set(p.clientId, { userId: p.userId, name, color });
      renderPeople(people, present, me.id); // only when someone arrives or changes, not on every cursor move
    }
    if (p.selection) {
      const len = quill.getLength();
      const rev = typeof p.rev === 'number' ? p.rev : ot.rev;
      const start = Math.min(ot.transformIndex(p.selection.index, rev), len - 1);
      const end = Math.min(ot.transformIndex(p.selection.index + p.selection.length, rev), len - 1);
      cursors.moveCursor(p.clientId, { index: start, length: Math.max(0, end - start) });
      cursors.toggleFlag(p.clientId, true);
    }
  }
  function onPresence(err, msg) {
    if (!err) {
      if (msg.body) listening.forEach((heard) => heard.add(msg.body.clientId));
      showRemote(msg.body);
    } else if (RETRY_REGISTRATION.has(err.failureCode)) {
      retryRegistration('presence.' + docId + '.events', presenceList);
    }
  }
  // A registration the bridge failed for a passing reason is made again (backing off to 5 s), then
  // what was missed meanwhile is fetched; without it the tab would see nothing until it reconnects.
  function retryRegistration(address, afterwards) {
    const wait = eventRetryMs;
    eventRetryMs = Math.min(5000, eventRetryMs * 2);
    setTimeout(() => {
      conn.reregister(address);
      afterwards();
    }, wait);
  }
  // Client ids heard from live while a list answer is on its way, one set per list asked for.
  const listening = new Set();
  async function presenceList() {
    const heard = new Set();
    listening.add(heard);
    try {
      const reply = await conn.request('presence.' + docId, { action: 'list' });
      // a leave missed while disconnected must not leave a ghost; what was heard meanwhile is newer
      const { leave, show } = mergePresenceList(present.keys(), reply.clients || [], heard);
      leave.forEach((id) => showRemote({ type: 'leave', clientId: id }));
      show.forEach(showRemote);
    } catch (e) {
      // presence is best effort
    } finally {
      listening.delete(heard);
    }
  }

  // Edits not yet acknowledged (typed offline, or still in flight) would be lost with the page: the
  // browser asks before closing or reloading it, and the app before leaving the editor (unsaved()).
  const warnIfUnsaved = (e) => {
    if (ot.hasPending()) {
      e.preventDefault();
      e.returnValue = '';
    }
  };
  window.addEventListener('beforeunload', warnIfUnsaved);
  const removeTestHooks = exposeTestHooks({ quill, clientId, ot, conn, status, cursors, people, docAddress, warnIfUnsaved });

  conn.start();
  setStatus();
  const teardown = () => {
    gone = true;
    clearInterval(heartbeat);
    clearInterval(recovery);
    window.removeEventListener('beforeunload', warnIfUnsaved);
    if (journal) journal.close(); // pending edits stay journaled for the next editor of this document
    conn.stop();
    removeTestHooks();
  };
  teardown.unsaved = () => ot.hasPending();
  teardown.journaled = journal !== null;
  return teardown;
}
