import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PresenceView, SELECTION_EVERY_MS, HEARTBEAT_MS } from '../src/presence-view.js';
import { presenceAddress, presenceEvents } from '../src/addresses.js';
import { UNAVAILABLE } from '../src/codes.js';
import { FLAG_SHOWN_MS } from '../src/name-flags.js';

const ME = 'presence-of-this-page';

/** Timers run by hand: advance(ms) fires what is due (intervals again and again). */
function manualTimers() {
  const t = { now: 0, due: [] };
  const add = (fn, ms, every) => {
    const timer = { fn, at: t.now + ms, every };
    t.due.push(timer);
    return timer;
  };
  t.setTimeout = (fn, ms) => add(fn, ms, 0);
  t.setInterval = (fn, ms) => add(fn, ms, ms);
  t.clearTimeout = t.clearInterval = (timer) => { t.due = t.due.filter((x) => x !== timer); };
  t.advance = (ms) => {
    const end = t.now + ms;
    for (;;) {
      const next = t.due.filter((x) => x.at <= end).sort((a, b) => a.at - b.at)[0];
      if (!next) break;
      t.now = next.at;
      if (next.every) next.at += next.every;
      else t.due = t.due.filter((x) => x !== next);
      next.fn();
    }
    t.now = end;
  };
  return t;
}

/** A presence view on fakes: what it sends, the cursors and chips it shows. */
function view({ listed = [] } = {}) {
  const v = { sent: [], requests: [], cursors: new Map(), renders: 0, chips: [], connected: true, ready: true, quillHandlers: {},
    reregistered: [], timers: manualTimers() };
  const conn = {
    send: (address, body) => v.sent.push({ address, ...body }),
    request: async (address, body) => { v.requests.push({ address, ...body }); return { clients: listed }; },
    register: (address, handler) => { v.registered = address; v.handler = handler; },
    reregister: (address) => v.reregistered.push(address),
    connected: () => v.connected,
  };
  const quill = { getLength: () => 50, getSelection: () => ({ index: 7, length: 0 }), on: (event, h) => { v.quillHandlers[event] = h; } };
  const cursors = {
    createCursor: (id, name, color) => { if (!v.cursors.has(id)) v.cursors.set(id, { name, color, range: null, flag: false }); },
    moveCursor: (id, range) => { v.cursors.get(id).range = range; },
    toggleFlag: (id, on) => { v.cursors.get(id).flag = on; },
    removeCursor: (id) => v.cursors.delete(id),
  };
  const ot = { rev: 4, transformIndex: (index, rev) => (rev < 4 ? index + 1 : index) };
  v.presence = new PresenceView({ conn, quill, cursors, ot, ready: () => v.ready,
    render: (present) => { v.renders++; v.chips = [...present.values()].map((p) => p.name); } }, 'd1', ME, v.timers);
  v.presence.start();
  v.event = (body) => v.handler(null, { body });
  return v;
}

const other = (clientId, extra = {}) => ({ type: 'presence', clientId, userId: 'u-' + clientId, name: 'Name ' + clientId,
  color: '#abc', rev: 4, selection: null, ...extra });

test('the page appears in presence under its own presence id: updates and heartbeats', () => {
  const v = view();
  assert.equal(v.registered, presenceEvents('d1'));
  v.quillHandlers['selection-change']({ index: 1, length: 2 });
  v.quillHandlers['selection-change']({ index: 3, length: 0 });
  v.quillHandlers['text-change'](null, null, 'user'); // typing: the selection after it (7)
  assert.deepEqual(v.sent, [], 'throttled');
  v.timers.advance(SELECTION_EVERY_MS);
  assert.deepEqual(v.sent, [{ address: presenceAddress('d1'), action: 'update', clientId: ME, rev: 4, selection: { index: 7, length: 0 } }],
    'one update, the latest selection');
  v.quillHandlers['selection-change'](null);
  v.timers.advance(SELECTION_EVERY_MS);
  assert.deepEqual(v.sent.at(-1).selection, null, 'a lost focus says so');
  v.timers.advance(HEARTBEAT_MS);
  assert.deepEqual(v.sent.at(-1), { address: presenceAddress('d1'), action: 'heartbeat', clientId: ME });
  assert.ok(v.sent.every((m) => m.clientId === ME));
});

test('nothing is sent while offline or before the document is open', () => {
  const v = view();
  v.ready = false;
  v.presence.select({ index: 1, length: 0 });
  v.timers.advance(SELECTION_EVERY_MS);
  v.ready = true;
  v.connected = false;
  v.presence.select({ index: 1, length: 0 });
  v.timers.advance(HEARTBEAT_MS);
  assert.deepEqual(v.sent, []);
});

test('a name flag shows while its person moves, then only the caret; a leave cancels its hiding', () => {
  const v = view();
  v.event(other('b', { selection: { index: 2, length: 0 } }));
  assert.equal(v.cursors.get('b').flag, true);
  v.timers.advance(FLAG_SHOWN_MS);
  assert.equal(v.cursors.get('b').flag, false, 'hidden a few seconds after the last move');
  v.event(other('b', { selection: { index: 3, length: 0 } }));
  assert.equal(v.cursors.get('b').flag, true, 'shown again on new activity');
  v.event({ type: 'leave', clientId: 'b' });
  v.timers.advance(FLAG_SHOWN_MS); // would throw on the removed cursor
  assert.equal(v.cursors.has('b'), false);
});

test('others get a cursor at their selection moved to this revision, and a chip; this page\'s own id is ignored', () => {
  const v = view();
  v.event(other(ME, { selection: { index: 1, length: 1 } }));
  assert.equal(v.cursors.size, 0);
  assert.equal(v.renders, 0);
  v.event(other('b', { rev: 3, selection: { index: 2, length: 3 } }));
  assert.deepEqual(v.cursors.get('b'), { name: 'Name b', color: '#abc', range: { index: 3, length: 3 }, flag: true });
  assert.deepEqual(v.chips, ['Name b']);
  v.event(other('b', { selection: { index: 48, length: 10 } }));
  assert.deepEqual(v.cursors.get('b').range, { index: 48, length: 1 }, 'kept inside the document');
  assert.equal(v.renders, 1, 'a cursor move does not redraw the chips');
  v.event(other('c', { color: 'red;background:url(x)' }));
  assert.equal(v.cursors.get('c').color, '#888', 'a colour that is not #rgb/#rrggbb is grey');
  v.event({ type: 'leave', clientId: 'b' });
  assert.deepEqual([[...v.cursors.keys()], v.chips], [['c'], ['Name c']]);
});

test('on a (re)connect the list removes ghosts and shows who is here, but not this page', async () => {
  const v = view({ listed: [other('b'), other(ME)] });
  v.event(other('ghost'));
  v.presence.synced();
  await new Promise((r) => setImmediate(r));
  assert.deepEqual(v.requests, [{ address: presenceAddress('d1'), action: 'list' }]);
  assert.deepEqual([...v.cursors.keys()], ['b']);
  assert.deepEqual(v.chips, ['Name b']);
});

test('a failed registration is made again and the list fetched; stop ends the beats and retries', async () => {
  const v = view({ listed: [other('b')] });
  v.handler({ failureCode: UNAVAILABLE, message: 'lookup timed out' }, null);
  v.timers.advance(250);
  assert.deepEqual(v.reregistered, [presenceEvents('d1')]);
  await new Promise((r) => setImmediate(r));
  assert.deepEqual([...v.cursors.keys()], ['b']);
  v.presence.select({ index: 1, length: 0 });
  v.presence.stop();
  v.timers.advance(HEARTBEAT_MS * 2);
  assert.deepEqual(v.sent, []);
});
