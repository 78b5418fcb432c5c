// The event-bus bridge's frames over one socket: `send` (with a reply address when an answer is
// wanted), `register`, `unregister` and a `ping` every few seconds out; `rec`, `err` and `pong` in, to
// the address's handlers or the request waiting on it; a socket that answers nothing any more is closed
// (heartbeat.js). The frames are those of @vertx/eventbus-bridge-client.js;
// unlike it, the socket is the caller's (bridge-socket.js: the raw WebSocket endpoint, or SockJS), so
// the same code runs over either.
import { Heartbeat } from './heartbeat.js';

const CONNECTING = 0;
const OPEN = 1;
const CLOSING = 2;
const CLOSED = 3;

function replyAddress() {
  if (globalThis.crypto && globalThis.crypto.randomUUID) return globalThis.crypto.randomUUID();
  return 'xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx'.replace(/[xy]/g, (c) => {
    const r = Math.floor(Math.random() * 16);
    return (c === 'y' ? (r & 3) | 8 : r).toString(16);
  });
}

function failure(frame) {
  return { failureCode: frame.failureCode, failureType: frame.failureType, message: frame.message };
}

export class BridgeClient {
  /**
   * @param socket  anything with the WebSocket interface: onopen, onmessage({data}), onclose(event), send(text), close()
   * @param options pingIntervalMs (0: no pings; the server closes a socket silent for its idle timeout),
   *   replyTimeoutMs (a ping answered by no frame within it closes the socket), timers, headersFor(address)
   *   (headers every send and register frame to that address carries: a share link's token)
   */
  constructor(socket, { pingIntervalMs = 5000, replyTimeoutMs, timers = globalThis, headersFor = () => ({}) } = {}) {
    this.socket = socket;
    this.headersFor = headersFor;
    this.heartbeat = new Heartbeat({
      ping: () => { if (this.state === OPEN) this.socket.send('{"type":"ping","pong":true}'); },
      dead: () => this.close({ code: 4000, reason: 'no reply to ping' }),
    }, { intervalMs: pingIntervalMs, replyTimeoutMs, timers });
    this.state = CONNECTING;
    this.handlers = new Map(); // address → [handler]
    this.replyHandlers = new Map(); // reply address → callback
    this.onopen = null;
    this.onclose = null;
    this.onerror = (err) => console.error(err);
    socket.onopen = () => {
      this.state = OPEN;
      this.heartbeat.start();
      if (this.onopen) this.onopen();
    };
    socket.onclose = (e) => this.closed(e);
    socket.onmessage = (e) => {
      this.heartbeat.received();
      this.receive(e.data);
    };
  }

  /** A message: one frame, or (a socket opened with ?batch=true) an array of frames in order. */
  receive(data) {
    let frame;
    try {
      frame = JSON.parse(data);
    } catch (ex) {
      frame = { type: 'err', failureType: String(ex), message: data };
    }
    if (Array.isArray(frame)) frame.forEach((f) => this.dispatch(f));
    else this.dispatch(frame);
  }

  dispatch(frame) {
    if (frame.type === 'pong') return; // the heartbeat saw it
    const handlers = this.handlers.get(frame.address);
    if (handlers) {
      for (const h of [...handlers]) {
        if (frame.type === 'err') h(failure(frame));
        else h(null, frame);
      }
      return;
    }
    const reply = this.replyHandlers.get(frame.address);
    if (reply) {
      this.replyHandlers.delete(frame.address);
      if (frame.type === 'err') reply(failure(frame));
      else reply(null, frame);
      return;
    }
    if (frame.type === 'err') this.onerror(frame);
    else console.warn('No handler found for message: ', frame);
  }

  write(frame) {
    if (this.state !== OPEN) throw new Error('INVALID_STATE_ERR');
    this.socket.send(JSON.stringify(frame));
  }

  /** A message to an address; with a callback, the reply (or failure) goes to it: callback(err, frame). */
  send(address, body, headers, callback) {
    if (typeof headers === 'function') {
      callback = headers;
      headers = {};
    }
    const frame = { type: 'send', address, headers: { ...this.headersFor(address), ...(headers || {}) }, body };
    if (callback) {
      frame.replyAddress = replyAddress();
      this.write(frame);
      this.replyHandlers.set(frame.replyAddress, callback);
    } else {
      this.write(frame);
    }
  }

  /** Adds a handler(err, frame) for an address's messages; the first one registers the socket on it. */
  registerHandler(address, handler) {
    const handlers = this.handlers.get(address);
    if (handlers) {
      handlers.push(handler);
      return;
    }
    this.write({ type: 'register', address, headers: this.headersFor(address) });
    this.handlers.set(address, [handler]);
  }

  /** Removes a handler; the last one unregisters the socket from the address. */
  unregisterHandler(address, handler) {
    const handlers = this.handlers.get(address);
    if (!handlers) return;
    const i = handlers.indexOf(handler);
    if (i < 0) return;
    handlers.splice(i, 1);
    if (handlers.length === 0) {
      this.write({ type: 'unregister', address, headers: {} });
      this.handlers.delete(address);
    }
  }

  /**
   * Closes the socket and reports it closed at once: on a stalled network the socket's own close
   * waits for a closing handshake that never comes (a minute in Chromium), the page meanwhile saying
   * "Saving…". Whatever the socket does afterwards is ignored.
   */
  close(event = { code: 1000, reason: 'closed by the page' }) {
    if (this.state === CLOSED) return;
    this.state = CLOSING;
    const socket = this.socket;
    socket.onopen = socket.onmessage = socket.onclose = () => {};
    try {
      socket.close();
    } finally {
      this.closed(event);
    }
  }

  closed(e) {
    if (this.state === CLOSED) return;
    this.state = CLOSED;
    this.heartbeat.stop();
    if (this.onclose) this.onclose(e);
  }
}
