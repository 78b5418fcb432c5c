import { test, mock } from 'node:test';
import assert from 'node:assert/strict';
import { BridgeClient } from '../src/bridge-client.js';

/** A socket with the WebSocket interface that keeps what is sent and lets the test play the server. */
function fakeSocket() {
  const s = { sent: [], closed: false };
  s.send = (text) => s.sent.push(JSON.parse(text));
  s.close = () => {
    s.closed = true;
    s.onclose({ code: 1000 });
  };
  s.open = () => s.onopen();
  s.deliver = (frame) => s.onmessage({ data: typeof frame === 'string' ? frame : JSON.stringify(frame) });
  return s;
}

/** setInterval/clearInterval and setTimeout/clearTimeout the test drives. */
function fakeTimers() {
  const t = { intervals: new Map(), timeouts: new Map(), next: 1 };
  t.setInterval = (f, ms) => {
    t.intervals.set(t.next, { f, ms });
    return t.next++;
  };
  t.clearInterval = (id) => t.intervals.delete(id);
  t.tick = () => [...t.intervals.values()].forEach((i) => i.f());
  t.setTimeout = (f, ms) => {
    t.timeouts.set(t.next, { f, ms });
    return t.next++;
  };
  t.clearTimeout = (id) => t.timeouts.delete(id);
  t.expire = () => [...t.timeouts.entries()].forEach(([id, o]) => { t.timeouts.delete(id); o.f(); });
  return t;
}

test('pings at once on open and then every interval, and stops when closed', () => {
  const socket = fakeSocket();
  const timers = fakeTimers();
  const eb = new BridgeClient(socket, { pingIntervalMs: 5000, timers });
  socket.open();
  assert.deepEqual(socket.sent, [{ type: 'ping', pong: true }]);
  assert.equal([...timers.intervals.values()][0].ms, 5000);
  timers.tick();
  assert.equal(socket.sent.length, 2);
  eb.close();
  assert.equal(timers.intervals.size, 0);
  assert.ok(socket.closed);
});

test('a ping answered by no frame closes the socket and reports the close at once', () => {
  const socket = fakeSocket();
  socket.close = () => { socket.closed = true; }; // a stalled socket: its close event never comes
  const timers = fakeTimers();
  const eb = new BridgeClient(socket, { pingIntervalMs: 5000, replyTimeoutMs: 4000, timers });
  const closes = [];
  eb.onclose = (e) => closes.push(e.code);
  socket.open();
  socket.deliver({ type: 'pong' });
  assert.equal(timers.timeouts.size, 0, 'answered');
  timers.tick();
  assert.equal([...timers.timeouts.values()][0].ms, 4000);
  timers.expire();
  assert.ok(socket.closed);
  assert.deepEqual(closes, [4000]);
  assert.equal(timers.intervals.size, 0, 'no more pings');
  assert.throws(() => eb.send('doc.1', {}), /INVALID_STATE_ERR/);
});

test('a pong goes to no handler and is not reported as unknown', () => {
  const socket = fakeSocket();
  const eb = new BridgeClient(socket, { pingIntervalMs: 0 });
  socket.open();
  const warn = mock.method(console, 'warn', () => {});
  eb.onerror = () => assert.fail('not an error');
  socket.deliver({ type: 'pong' });
  assert.equal(warn.mock.callCount(), 0);
  warn.mock.restore();
});

test('closing by the page reports the close once, whatever the socket does then', () => {
  const socket = fakeSocket();
  const eb = new BridgeClient(socket, { pingIntervalMs: 0 });
  const closes = [];
  eb.onclose = (e) => closes.push(e.code);
  socket.open();
  eb.close();
  eb.close();
  assert.deepEqual(closes, [1000]);
  assert.ok(socket.closed);
});

test('the first handler of an address registers the socket, the last one unregisters it', () => {
  const socket = fakeSocket();
  const eb = new BridgeClient(socket, { pingIntervalMs: 0 });
  socket.open();
  const a = () => {};
  const b = () => {};
  eb.registerHandler('doc.1.events', a);
  eb.registerHandler('doc.1.events', b);
  eb.unregisterHandler('doc.1.events', a);
  eb.unregisterHandler('doc.1.events', b);
  assert.deepEqual(socket.sent.map((f) => [f.type, f.address]), [['register', 'doc.1.events'], ['unregister', 'doc.1.events']]);
});

test('messages and failures of an address go to its handlers; a reply goes to its request once', () => {
  const socket = fakeSocket();
  const eb = new BridgeClient(socket, { pingIntervalMs: 0 });
  socket.open();
  const events = [];
  eb.registerHandler('doc.1.events', (err, msg) => events.push(err || msg.body));
  socket.deliver({ type: 'rec', address: 'doc.1.events', body: { rev: 1 } });
  socket.deliver({ type: 'err', address: 'doc.1.events', failureCode: 403, failureType: 'RECIPIENT_FAILURE', message: 'no' });
  assert.deepEqual(events, [{ rev: 1 }, { failureCode: 403, failureType: 'RECIPIENT_FAILURE', message: 'no' }]);

  const replies = [];
  eb.send('doc.1', { action: 'open' }, {}, (err, msg) => replies.push(err || msg.body));
  const request = socket.sent.at(-1);
  assert.equal(request.type, 'send');
  assert.equal(request.address, 'doc.1');
  assert.deepEqual(request.body, { action: 'open' });
  assert.ok(request.replyAddress);
  socket.deliver({ type: 'rec', address: request.replyAddress, body: { rev: 1 } });
  socket.deliver({ type: 'rec', address: request.replyAddress, body: { rev: 2 } }); // not waited for any more
  assert.deepEqual(replies, [{ rev: 1 }]);

  eb.send('presence.1', { action: 'cursor' });
  assert.equal(socket.sent.at(-1).replyAddress, undefined, 'fire and forget: no reply address');
});

test('a socket-level failure goes to onerror; a batch of frames is dispatched in order', () => {
  const socket = fakeSocket();
  const eb = new BridgeClient(socket, { pingIntervalMs: 0 });
  const errors = [];
  eb.onerror = (e) => errors.push(e.failureCode);
  socket.open();
  socket.deliver({ type: 'err', failureCode: 401, message: 'not logged in' });
  assert.deepEqual(errors, [401]);
  const revs = [];
  eb.registerHandler('doc.1.events', (err, msg) => revs.push(msg.body.rev));
  socket.deliver([{ type: 'rec', address: 'doc.1.events', body: { rev: 1 } }, { type: 'rec', address: 'doc.1.events', body: { rev: 2 } }]);
  assert.deepEqual(revs, [1, 2]);
});

test('nothing is sent before the socket opens or after it closed', () => {
  const socket = fakeSocket();
  const eb = new BridgeClient(socket, { pingIntervalMs: 0 });
  assert.throws(() => eb.send('doc.1', {}), /INVALID_STATE_ERR/);
  socket.open();
  const closes = [];
  eb.onclose = (e) => closes.push(e.code);
  socket.onclose({ code: 1006 });
  assert.deepEqual(closes, [1006]);
  assert.throws(() => eb.registerHandler('doc.1.events', () => {}), /INVALID_STATE_ERR/);
});

test('text that is not JSON reaches onerror', () => {
  const socket = fakeSocket();
  const eb = new BridgeClient(socket, { pingIntervalMs: 0 });
  const errors = [];
  eb.onerror = (e) => errors.push(e.message);
  socket.open();
  mock.method(console, 'warn', () => {});
  socket.deliver('not json');
  assert.deepEqual(errors, ['not json']);
});

test('register and send frames carry the headers given for their address (a share link\'s token)', () => {
  const socket = fakeSocket();
  const eb = new BridgeClient(socket, { pingIntervalMs: 0,
    headersFor: (address) => (address.startsWith('doc.1') ? { link: 'T' } : {}) });
  socket.open();
  eb.registerHandler('doc.1.events', () => {});
  eb.send('doc.1', { action: 'open' }, {}, () => {});
  eb.send('doc.2', { action: 'open' }, { x: 'y' });
  assert.deepEqual(socket.sent.map((f) => f.headers), [{ link: 'T' }, { link: 'T' }, { x: 'y' }]);
});
