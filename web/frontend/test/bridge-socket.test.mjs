import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BridgeSocket, OPEN_TIMEOUT_MS, XHR_TRANSPORTS, rawWebSocketUrl } from '../src/bridge-socket.js';

/** WebSocket and SockJS stand-ins that record every socket made; the test opens or closes them. */
function env(protocol = 'https:') {
  const made = [];
  class Fake {
    constructor(url, reserved, options) {
      this.url = url;
      this.options = options;
      this.sent = [];
      this.closed = false;
      made.push(this);
    }

    send(text) {
      this.sent.push(text);
    }

    close() {
      this.closed = true;
      this.onclose({ code: 1000 });
    }
  }
  class WebSocket extends Fake {}
  class SockJS extends Fake {}
  const timers = { pending: new Map(), next: 1 };
  timers.setTimeout = (f, ms) => {
    timers.pending.set(timers.next, { f, ms });
    return timers.next++;
  };
  timers.clearTimeout = (id) => timers.pending.delete(id);
  return { WebSocket, SockJS, timers, made, location: { protocol, host: 'verso.example:8443' } };
}

function listen(socket) {
  const seen = [];
  socket.onopen = () => seen.push('open');
  socket.onmessage = (e) => seen.push('message ' + e.data);
  socket.onclose = (e) => seen.push('close ' + e.code);
  return seen;
}

test('the raw WebSocket endpoint first, with ws: or wss: as the page', () => {
  assert.equal(rawWebSocketUrl({ protocol: 'http:', host: 'localhost:8080' }), 'ws://localhost:8080/eventbus/websocket');
  const e = env();
  const s = new BridgeSocket({}, e);
  const seen = listen(s);
  assert.equal(e.made.length, 1);
  assert.ok(e.made[0] instanceof e.WebSocket);
  assert.equal(e.made[0].url, 'wss://verso.example:8443/eventbus/websocket');
  e.made[0].onopen();
  e.made[0].onmessage({ data: '{"type":"rec"}' });
  s.send('{"type":"ping"}');
  assert.deepEqual(e.made[0].sent, ['{"type":"ping"}']);
  assert.equal(s.transport, 'websocket');
  assert.equal(e.timers.pending.size, 0, 'the open timeout is cleared');
  e.made[0].onclose({ code: 1006 });
  assert.deepEqual(seen, ['open', 'message {"type":"rec"}', 'close 1006']);
  assert.equal(e.made.length, 1, 'a WebSocket that opened and closed later is not a reason for SockJS');
});

test('a WebSocket that cannot be opened falls back to SockJS over xhr, and says so once that opens', () => {
  const e = env();
  let fellBack = 0;
  const s = new BridgeSocket({ onFellBack: () => fellBack++ }, e);
  const seen = listen(s);
  e.made[0].onclose({ code: 1006 }); // never opened: a proxy refused the upgrade
  assert.equal(e.made.length, 2);
  const sock = e.made[1];
  assert.ok(sock instanceof e.SockJS);
  assert.equal(sock.url, '/eventbus');
  assert.deepEqual(sock.options.transports, XHR_TRANSPORTS);
  assert.deepEqual(seen, [], 'the failed WebSocket is not a close of the socket');
  sock.transport = 'xhr-streaming';
  sock.onopen();
  assert.equal(fellBack, 1);
  assert.equal(s.transport, 'xhr-streaming');
  s.send('x');
  assert.deepEqual(sock.sent, ['x']);
  sock.onclose({ code: 1002 });
  assert.deepEqual(seen, ['open', 'close 1002']);
});

test('when SockJS fails too (the server is down) the socket closes and nothing is remembered', () => {
  const e = env();
  let fellBack = 0;
  const s = new BridgeSocket({ onFellBack: () => fellBack++ }, e);
  const seen = listen(s);
  e.made[0].onclose({ code: 1006 });
  e.made[1].onclose({ code: 2000 });
  assert.deepEqual(seen, ['close 2000']);
  assert.equal(fellBack, 0);
});

test('a WebSocket still connecting after the open timeout is given up for SockJS', () => {
  const e = env();
  new BridgeSocket({}, e);
  const [{ f, ms }] = [...e.timers.pending.values()];
  assert.equal(ms, OPEN_TIMEOUT_MS);
  f();
  assert.ok(e.made[0].closed);
  assert.ok(e.made[1] instanceof e.SockJS);
});

test('closed while the WebSocket connects: closed, no SockJS', () => {
  const e = env();
  const s = new BridgeSocket({}, e);
  const seen = listen(s);
  s.close();
  assert.equal(e.made.length, 1);
  assert.deepEqual(seen, ['close 1000']);
});

test('after a fallback on this page, and with transports forced, SockJS at once', () => {
  const e = env();
  new BridgeSocket({ viaSockJS: true }, e);
  new BridgeSocket({ transports: ['xhr-polling'] }, e);
  assert.ok(e.made.every((m) => m instanceof e.SockJS));
  assert.deepEqual(e.made.map((m) => m.options.transports), [XHR_TRANSPORTS, ['xhr-polling']]);
});
