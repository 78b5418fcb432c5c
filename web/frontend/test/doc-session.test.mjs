import { test, mock } from 'node:test';
import assert from 'node:assert/strict';
import Delta from 'quill-delta';
import { DocSession } from '../src/doc-session.js';
import { FORBIDDEN, INVALID_OP, NOT_FOUND, NO_REPLY, RESYNC_REQUIRED, TOO_LARGE, UNAVAILABLE } from '../src/codes.js';
import { docAddress, docEvents } from '../src/addresses.js';
import { FIRST_RETRY_MS } from '../src/retry.js';

const DOC = 'd1';
mock.method(console, 'warn', () => {}); // the session logs every refused submit

/**
 * One document on a model server with the sequencer's rules: open, catch-up pages of pageSize events
 * with `more`, submit transformed over what was committed since its baseRev (de-duplicated by
 * (clientId, seq); 409 ahead, 410 further behind than window, 403 without the right to write).
 * refuse: action → failure code, answered instead (once, when set with refuseOnce).
 */
function server({ pageSize = 1000, window = Infinity } = {}) {
  const s = { doc: new Delta(), log: [], seen: new Map(), role: 'editor', title: 'Plans', refused: new Map() };
  s.refuse = (action, code) => s.refused.set(action, { code, once: false });
  s.refuseOnce = (action, code) => s.refused.set(action, { code, once: true });
  s.commit = (clientId, seq, baseRev, ops) => {
    let op = new Delta(ops);
    for (const e of s.log.slice(baseRev)) op = new Delta(e.ops).transform(op, true);
    s.doc = s.doc.compose(op);
    const ev = { type: 'op', rev: s.log.length + 1, ops: op.ops, clientId, seq };
    s.log.push(ev);
    s.seen.set(clientId + ':' + seq, ev.rev);
    return ev;
  };
  /** Someone else types text at the start. */
  s.other = (text) => s.commit('other-client-0000', s.log.length + 1, s.log.length, [{ insert: text }]);
  s.handle = (body) => {
    const refusal = s.refused.get(body.action);
    if (refusal) {
      if (refusal.once) s.refused.delete(body.action);
      throw { failureCode: refusal.code, message: 'refused' };
    }
    if (body.action === 'open') return { rev: s.log.length, content: s.doc.ops, role: s.role, title: s.title };
    if (body.action === 'catchup') {
      return { events: s.log.slice(body.fromRev, body.fromRev + pageSize), more: body.fromRev + pageSize < s.log.length };
    }
    if (body.action !== 'submit') throw { failureCode: 400, message: body.action };
    if (s.role !== 'owner' && s.role !== 'editor') throw { failureCode: FORBIDDEN, message: 'forbidden' };
    const dup = s.seen.get(body.clientId + ':' + body.seq);
    if (dup !== undefined) return { rev: dup, duplicate: true };
    if (body.baseRev > s.log.length) throw { failureCode: 409, message: 'ahead' };
    if (s.log.length - body.baseRev > window) throw { failureCode: RESYNC_REQUIRED, message: 'too far behind' };
    return { rev: s.commit(body.clientId, body.seq, body.baseRev, body.ops).rev };
  };
  return s;
}

/** Timers run by hand: advance(ms) fires what is due. */
function manualTimers() {
  const t = { now: 0, due: [] };
  t.setTimeout = (fn, ms) => {
    const timer = { fn, at: t.now + ms };
    t.due.push(timer);
    return timer;
  };
  t.clearTimeout = (timer) => { t.due = t.due.filter((x) => x !== timer); };
  t.waits = () => t.due.map((x) => x.at - t.now);
  t.advance = (ms) => {
    t.now += ms;
    const fire = t.due.filter((x) => x.at <= t.now);
    t.due = t.due.filter((x) => x.at > t.now);
    fire.forEach((x) => x.fn());
  };
  return t;
}

/**
 * One editor's page around a DocSession on srv: what it shows, its status line, notices, titles and
 * journal, the requests it made, and its connection (requests answered with the server's state when
 * they arrive; held back while `holding`, until release()).
 */
function page(srv, { role = 'editor', timers = manualTimers(), clientId = 'client-of-this-page' } = {}) {
  const p = { shown: new Delta(), statuses: [], notices: [], titles: [], requests: [], journal: null, syncs: 0,
    handlers: new Map(), reregistered: [], connected: false, holding: false, held: [], delivered: 0, timers,
    committed: [], comments: [], reloads: 0 };
  const io = {
    request: (address, body) => {
      assert.equal(address, docAddress(DOC));
      if (!p.connected) return Promise.reject({ failureCode: NO_REPLY, message: 'offline' });
      p.requests.push(body.action === 'submit' ? { action: 'submit', baseRev: body.baseRev, seq: body.seq } : { ...body });
      let reply;
      let error = null;
      try {
        reply = structuredClone(srv.handle(body));
      } catch (e) {
        error = e;
      }
      const answer = () => (error ? Promise.reject(error) : Promise.resolve(reply));
      if (!p.holding) return answer();
      return new Promise((resolve) => p.held.push(() => resolve(answer())));
    },
    register: (address, handler) => p.handlers.set(address, handler),
    reregister: (address) => p.reregistered.push(address),
    connected: () => p.connected,
    apply: (delta) => { p.shown = p.shown.compose(delta); },
    setContents: (ops) => { p.shown = new Delta(ops); },
    broken: () => false,
    statusChanged: () => p.statuses.push(p.session.status()),
    accessChanged: () => p.statuses.push(p.session.status()),
    pending: (state) => { p.journal = state; },
    title: (t) => p.titles.push(t),
    tell: (message) => p.notices.push(message),
    opened: async () => { p.openedAtRev = p.session.ot.rev; },
    synced: () => { p.syncs++; },
    committed: (ev) => p.committed.push(ev.rev),
    comment: (ev) => p.comments.push(ev),
    reloaded: () => { p.reloads++; },
    timers,
  };
  p.session = new DocSession(io, { docId: DOC, clientId, role });
  p.session.start();
  p.status = () => p.session.status();
  p.connect = () => {
    p.connected = true;
    p.delivered = srv.log.length; // what was published before the (re)registration never reaches this page
    return p.session.onOpen();
  };
  p.disconnect = () => {
    p.connected = false;
    p.session.onClose();
  };
  p.release = () => {
    p.holding = false;
    p.held.splice(0).forEach((go) => go());
  };
  p.event = (err, body) => p.handlers.get(docEvents(DOC))(err, err ? null : { body });
  /** The live events published since the last delivery, in order (or only some of them). */
  p.deliver = (only = () => true) => {
    const events = srv.log.slice(p.delivered);
    p.delivered = srv.log.length;
    if (p.connected) events.filter(only).forEach((ev) => p.event(null, ev));
  };
  p.type = (delta) => {
    p.shown = p.shown.compose(delta);
    p.session.local(delta);
  };
  return p;
}

/** Lets every answer and reaction that is already due happen. */
const settle = () => new Promise((resolve) => setImmediate(resolve));

/** Delivers what the server published until nothing changes any more. */
async function quiesce(...pages) {
  for (let i = 0; i < 20; i++) {
    await settle();
    pages.forEach((p) => p.deliver());
  }
  await settle();
}

test('opening: loading, then the content, title and revision of the server, and saved', async () => {
  const srv = server();
  srv.other('hello ');
  srv.other('world ');
  const p = page(srv);
  assert.equal(p.status(), 'offline', 'not connected yet');
  p.connected = true;
  assert.equal(p.status(), 'loading');
  await p.session.onOpen();
  assert.deepEqual(p.shown, srv.doc);
  assert.equal(p.session.ot.rev, 2);
  assert.deepEqual(p.titles, ['Plans']);
  assert.equal(p.status(), 'saved');
  assert.equal(p.syncs, 1);
});

test('events that arrive before the sync are queued and applied after the open, in order', async () => {
  const srv = server();
  srv.other('a');
  const p = page(srv);
  p.holding = true;
  const opening = p.connect();
  await settle(); // the open's answer (at rev 1) is on its way
  srv.other('b');
  srv.other('c');
  p.deliver();
  assert.equal(p.session.ot.rev, 0, 'nothing applied before the document is open');
  assert.equal(p.session.queue.length, 2);
  p.release();
  await opening;
  assert.equal(p.openedAtRev, 1, 'the recovery hook runs on the opened document, before the queue');
  assert.equal(p.session.ot.rev, 3);
  assert.deepEqual(p.shown, srv.doc);
  assert.equal(p.session.queue.length, 0);
  assert.equal(p.status(), 'saved');
});

test('on a reconnect, events that arrive during the catch-up are applied after it', async () => {
  const srv = server();
  const p = page(srv);
  await p.connect();
  p.disconnect();
  for (const t of ['1', '2', '3']) srv.other(t);
  p.holding = true;
  const reopening = p.connect();
  await settle(); // the catch-up's answer (up to rev 3) is on its way
  srv.other('4');
  p.deliver();
  assert.equal(p.session.ot.rev, 0);
  assert.equal(p.session.queue.length, 1);
  p.release();
  await reopening;
  assert.deepEqual(p.requests.slice(1), [{ action: 'catchup', fromRev: 0 }]);
  assert.equal(p.session.ot.rev, 4);
  assert.deepEqual(p.shown, srv.doc);
  assert.equal(p.status(), 'saved');
});

test('a gap in the live events triggers a catch-up that fills it', async () => {
  const srv = server();
  const p = page(srv);
  await p.connect();
  srv.other('x');
  srv.other('y');
  srv.other('z');
  p.deliver((ev) => ev.rev === 3); // 1 and 2 lost on the way
  assert.equal(p.session.ot.rev, 0, 'rev 3 waits for 1 and 2');
  await settle();
  assert.deepEqual(p.requests.at(-1), { action: 'catchup', fromRev: 0 });
  assert.equal(p.session.ot.rev, 3);
  assert.deepEqual(p.shown, srv.doc);
});

test('410 during a catch-up reopens the document', async () => {
  const srv = server();
  const p = page(srv);
  await p.connect();
  srv.other('x');
  srv.other('y');
  srv.refuseOnce('catchup', RESYNC_REQUIRED);
  p.deliver((ev) => ev.rev === 2);
  await quiesce();
  assert.deepEqual(p.requests.map((r) => r.action), ['open', 'catchup', 'open']);
  assert.equal(p.session.ot.rev, 2);
  assert.deepEqual(p.shown, srv.doc);
  assert.equal(p.status(), 'saved');
});

test('a reconnect catches up over every page before the pending op is resent, based on the head', async () => {
  // The sequencer transforms ops based at most `window` revisions behind: resent after one page, the
  // op would be refused with 410 and dropped by the resync.
  const srv = server({ pageSize: 2, window: 2 });
  const p = page(srv);
  await p.connect();
  p.disconnect();
  p.type(new Delta().insert('mine '));
  assert.equal(p.status(), 'offline');
  assert.equal(p.requests.filter((r) => r.action === 'submit').length, 0, 'nothing sent while offline');
  for (const t of ['1', '2', '3', '4', '5']) srv.other(t);
  await p.connect();
  const after = p.requests.slice(1).map((r) => r.action + (r.fromRev !== undefined ? r.fromRev : '@' + r.baseRev));
  assert.deepEqual(after, ['catchup0', 'catchup2', 'catchup4', 'submit@5']);
  await quiesce(p);
  assert.equal(p.status(), 'saved');
  assert.equal(p.session.ot.hasPending(), false);
  assert.deepEqual(p.shown, srv.doc);
  assert.equal(srv.doc.ops.map((o) => o.insert).join('').includes('mine '), true);
  assert.equal(p.journal, null, 'the journal entry goes once the op is acknowledged');
});

test('while offline the edits stay pending and journaled; back online they are saved', async () => {
  const srv = server();
  const p = page(srv);
  await p.connect();
  p.disconnect();
  p.type(new Delta().insert('offline'));
  assert.equal(p.status(), 'offline');
  assert.equal(p.journal.inflight.ops[0].insert, 'offline');
  await p.connect();
  assert.equal(p.status(), 'saving');
  await quiesce(p);
  assert.equal(p.status(), 'saved');
  assert.deepEqual(p.shown, srv.doc);
});

test('a submit refused with 403 makes the page read-only and keeps the edit; a role event back to editor sends it', async () => {
  const srv = server();
  const p = page(srv);
  await p.connect();
  srv.role = 'viewer'; // demoted; the role event is still on its way
  p.type(new Delta().insert('typed before the demotion'));
  await settle();
  assert.equal(p.status(), 'readonly');
  assert.equal(p.session.readOnly(), true);
  assert.equal(p.session.ot.hasPending(), true, 'the refused edit is kept');
  assert.equal(srv.log.length, 0);

  srv.role = 'editor';
  p.event(null, { type: 'role', role: 'editor' });
  assert.equal(p.requests.at(-1).action, 'submit', 'sent again at once');
  await quiesce(p);
  assert.equal(p.status(), 'saved');
  assert.deepEqual(p.shown, srv.doc);
  assert.equal(srv.log.length, 1);
});

test('a role event to viewer makes the page read-only, and a viewer\'s typing is not sent', async () => {
  const srv = server();
  const p = page(srv);
  await p.connect();
  p.event(null, { type: 'role', role: 'viewer' });
  assert.equal(p.status(), 'readonly');
  p.session.local(new Delta().insert('x'));
  assert.equal(p.session.ot.hasPending(), false);
  assert.equal(p.requests.filter((r) => r.action === 'submit').length, 0);
});

test('403 on the events address (unshared or deleted) is the revoked state, the text stays', async () => {
  const srv = server();
  srv.other('text');
  const p = page(srv);
  await p.connect();
  p.event({ failureCode: FORBIDDEN, message: 'forbidden' });
  assert.equal(p.status(), 'revoked');
  assert.equal(p.session.readOnly(), true);
  assert.deepEqual(p.shown, srv.doc);
});

test('a trashed event is the trashed state, read-only, the text stays and the role it had is remembered', async () => {
  const srv = server();
  srv.role = 'owner';
  srv.other('text');
  const p = page(srv);
  await p.connect();
  p.event(null, { type: 'trashed' });
  assert.equal(p.status(), 'trashed');
  assert.equal(p.session.readOnly(), true);
  assert.equal(p.session.trashedRole, 'owner');
  assert.deepEqual(p.shown, srv.doc);
  // the bridge's later 403 on the registration does not turn it into "revoked"
  p.event({ failureCode: FORBIDDEN, message: 'forbidden' });
  assert.equal(p.status(), 'trashed');
  p.session.local(new Delta().insert('x'));
  assert.equal(p.requests.filter((r) => r.action === 'submit').length, 0);
});

test('a reconnect whose catch-up is refused with 403 or 404 is revoked; a first open refused is an error', async () => {
  for (const code of [FORBIDDEN, NOT_FOUND]) {
    const srv = server();
    const p = page(srv);
    await p.connect();
    p.disconnect();
    srv.refuse('catchup', code);
    await p.connect();
    assert.equal(p.status(), 'revoked', 'code ' + code);

    const q = page(srv);
    srv.refuse('open', code);
    await q.connect();
    assert.equal(q.status(), 'error', 'code ' + code);
  }
});

test('an op refused with 413 or 422 is undone by a reopen, with a notice; 410 reopens without one', async () => {
  for (const [code, notice] of [[TOO_LARGE, 'A change was too large for the document and was undone.'],
    [INVALID_OP, 'A change could not be applied and was undone.'], [RESYNC_REQUIRED, null]]) {
    const srv = server();
    srv.other('kept ');
    const p = page(srv);
    await p.connect();
    srv.refuseOnce('submit', code);
    p.type(new Delta().retain(5).insert('refused'));
    await quiesce(p);
    assert.deepEqual(p.notices, notice === null ? [] : [notice], 'code ' + code);
    assert.deepEqual(p.requests.map((r) => r.action), ['open', 'submit', 'open'], 'code ' + code);
    assert.deepEqual(p.shown, srv.doc, 'the refused edit is undone');
    assert.equal(p.session.ot.hasPending(), false);
    assert.equal(p.status(), 'saved');
  }
});

test('a reopen that fails is the error state; the next one that works clears it', async () => {
  const srv = server();
  const p = page(srv);
  await p.connect();
  srv.refuseOnce('open', UNAVAILABLE);
  await p.session.resync();
  assert.equal(p.status(), 'error');
  await p.session.resync();
  assert.equal(p.status(), 'saved');
});

test('title events rename the page; an empty or malformed title is ignored', async () => {
  const srv = server();
  const p = page(srv);
  await p.connect();
  p.event(null, { type: 'title', title: 'Goals' });
  p.event(null, { type: 'title', title: '' });
  p.event(null, { type: 'title', title: 7 });
  assert.deepEqual(p.titles, ['Plans', 'Goals']);
  assert.equal(p.session.ot.rev, 0, 'not an op');
});

test('a registration failed for a passing reason is made again with a backoff of its own, then caught up', async () => {
  const srv = server();
  const a = page(srv);
  const b = page(srv);
  await a.connect();
  await b.connect();
  srv.other('missed');
  for (let i = 0; i < 3; i++) a.event({ failureCode: UNAVAILABLE, message: 'lookup timed out' });
  assert.deepEqual(a.timers.waits(), [FIRST_RETRY_MS * 4], 'backs off: 250, 500, 1000 ms (one retry pending)');
  b.event({ failureCode: UNAVAILABLE, message: 'lookup timed out' });
  assert.deepEqual(b.timers.waits(), [FIRST_RETRY_MS], 'another page\'s backoff is its own');
  a.timers.advance(FIRST_RETRY_MS * 4);
  assert.deepEqual(a.reregistered, [docEvents(DOC)]);
  await settle();
  assert.equal(a.session.ot.rev, 1, 'what was missed meanwhile is fetched');
  a.event(null, { type: 'title', title: 'works again' });
  a.event({ failureCode: UNAVAILABLE, message: 'again' });
  assert.deepEqual(a.timers.waits(), [FIRST_RETRY_MS], 'a message in between starts the backoff again');
  a.session.stop();
  assert.deepEqual(a.timers.waits(), [], 'a torn-down page retries nothing');
  a.event({ failureCode: 400, message: 'bad' });
  assert.deepEqual(a.timers.waits(), [], 'a failure that cannot pass is not retried');
});

test('two pages typing at once converge through the session, with a lost event and a reconnect between', async () => {
  const srv = server({ pageSize: 3 });
  const a = page(srv, { clientId: 'client-of-page-a' });
  const b = page(srv, { clientId: 'client-of-page-b' });
  await a.connect();
  await b.connect();
  a.type(new Delta().insert('alpha '));
  b.type(new Delta().insert('beta '));
  await quiesce(a, b);
  b.disconnect();
  a.type(new Delta().retain(3).insert('AA'));
  b.type(new Delta().insert('BB'));
  await quiesce(a);
  a.type(new Delta().insert('A2'));
  await settle();
  await b.connect();
  await quiesce(a, b);
  srv.other('o');
  a.deliver((ev) => false); // lost: the next event shows the gap
  srv.other('p');
  await quiesce(a, b);
  assert.deepEqual(a.shown, srv.doc);
  assert.deepEqual(b.shown, srv.doc);
  assert.equal(a.status(), 'saved');
  assert.equal(b.status(), 'saved');
});

test('events that arrive while a resync reopens the document are applied after it, not dropped', async () => {
  const srv = server();
  srv.other('a');
  const p = page(srv);
  await p.connect();
  p.holding = true;
  const reopening = p.session.resync();
  await settle(); // the open's answer (at rev 1) is on its way
  srv.other('b');
  p.deliver();
  p.release();
  await reopening;
  assert.equal(p.session.ot.rev, 2, 'the op published during the reopen is not lost until the next one shows a gap');
  assert.deepEqual(p.shown, srv.doc);
  assert.equal(p.session.queue.length, 0);
});

test('comment events go to the comments, never to the OT client, synced or not; every committed op is announced with its rev', async () => {
  const srv = server();
  srv.other('a');
  const p = page(srv);
  const comment = { type: 'comment', rev: 1, change: 'created', userId: 'u', threadId: 't1', thread: { id: 't1' } };
  p.event(null, comment); // before the open: not queued as an op
  assert.equal(p.session.queue.length, 0);
  await p.connect();
  srv.other('b');
  p.deliver();
  p.event(null, { ...comment, rev: 2, change: 'replied' });
  p.type(new Delta().insert('x'));
  await quiesce(p);
  assert.deepEqual(p.comments.map((c) => c.change), ['created', 'replied']);
  assert.equal(p.session.ot.rev, 3);
  assert.deepEqual(p.committed, [2, 3], 'the remote op, then our own acknowledged one');
  assert.equal(p.status(), 'saved');
});

test('a resync tells the comments that the document was reloaded', async () => {
  const srv = server();
  const p = page(srv);
  await p.connect();
  srv.refuseOnce('submit', TOO_LARGE);
  p.type(new Delta().insert('x'));
  await quiesce(p);
  assert.equal(p.reloads, 1);
});
