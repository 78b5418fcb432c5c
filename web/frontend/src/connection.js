// One event-bus bridge connection with our own reconnect policy: exponential backoff with full
// jitter capped at 30 s; a 401 from the bridge triggers one token refresh before reconnecting. It runs
// on the raw WebSocket endpoint, or on SockJS over xhr where no WebSocket gets through (bridge-socket.js).
// A socket that stalls is closed by its heartbeat (heartbeat.js), and the browser's offline/online
// events close and reopen it at once (network-watch.js).
import SockJS from 'sockjs-client';
import { BridgeClient } from './bridge-client.js';
import { BridgeSocket } from './bridge-socket.js';
import { backoffDelay } from './ot-client.js';
import { refresh } from './api.js';
import { NO_REPLY, UNAUTHENTICATED } from './codes.js';
import { PING_INTERVAL_MS } from './heartbeat.js';
import { watchNetwork } from './network-watch.js';
import { frameHeaders } from './share-links.js';

const REQUEST_TIMEOUT_MS = 30000;

export class Connection {
  /** @param {{onOpen: Function, onClose: Function, onSignedOut: Function}} handlers */
  constructor(handlers) {
    this.handlers = handlers;
    this.eb = null;
    this.open = false;
    this.attempt = 0;
    this.stopped = false;
    this.held = false; // test hook: stay offline
    this.timer = null;
    this.pending = new Set();
    this.registrations = new Map(); // address → handler, re-registered on every connect
    this.unauthenticated = false;
    this.connectedSince = 0; // when the socket now refused (401) was opened: a later refresh elsewhere is ours too
    this.viaSockJS = false; // the raw WebSocket could not be opened on this page, SockJS could: stay on SockJS
  }

  start() {
    this.stopped = false;
    this.unwatch = watchNetwork(globalThis, this);
    this.connect();
  }

  stop() {
    this.stopped = true;
    this.unwatch();
    clearTimeout(this.timer);
    if (this.eb) this.eb.close();
  }

  /** Test hook and "work offline": close the socket and do not reconnect until goOnline(). */
  goOffline() {
    this.held = true;
    clearTimeout(this.timer);
    if (this.eb) this.eb.close();
  }

  goOnline() {
    this.held = false;
    this.attempt = 0;
    clearTimeout(this.timer); // a reconnect waiting out its backoff: now instead
    if (!this.eb) this.connect();
  }

  connect() {
    if (this.stopped || this.held) return;
    // Diagnostics (and the browser tests): SockJS only, restricted to some transports, e.g. "xhr-streaming".
    const forced = localStorage.getItem('verso.transports');
    this.connectedSince = Date.now();
    const socket = new BridgeSocket({
      transports: forced ? forced.split(',') : null,
      viaSockJS: this.viaSockJS,
      onFellBack: () => { this.viaSockJS = true; },
    }, { WebSocket, SockJS, location, timers: globalThis });
    this.socket = socket;
    const eb = new BridgeClient(socket, { pingIntervalMs: PING_INTERVAL_MS, headersFor: frameHeaders });
    this.eb = eb;
    eb.onopen = () => {
      if (this.eb !== eb) return;
      this.open = true;
      this.unauthenticated = false;
      for (const [address, handler] of this.registrations) eb.registerHandler(address, handler);
      this.handlers.onOpen();
    };
    eb.onerror = (err) => {
      console.warn("bridge error", JSON.stringify(err));
      if (err && err.failureCode === UNAUTHENTICATED) this.unauthenticated = true;
    };
    eb.onclose = (e) => {
      console.warn("bridge closed", e && e.code, e && e.reason);
      if (this.eb !== eb) return;
      const wasOpen = this.open;
      this.open = false;
      this.eb = null;
      for (const p of [...this.pending]) p.reject({ failureCode: NO_REPLY, message: 'connection closed' });
      this.pending.clear();
      this.handlers.onClose(wasOpen);
      this.scheduleReconnect();
    };
  }

  async scheduleReconnect() {
    if (this.stopped || this.held) return;
    if (this.unauthenticated) {
      this.unauthenticated = false;
      if (!(await refresh(this.connectedSince))) {
        this.handlers.onSignedOut();
        return;
      }
    }
    const delay = backoffDelay(this.attempt++, 500, 30000);
    this.timer = setTimeout(() => this.connect(), delay);
  }

  /** Registers (now and after every reconnect) a handler for an address. */
  register(address, handler) {
    this.registrations.set(address, handler);
    if (this.open) this.eb.registerHandler(address, handler);
  }

  /**
   * Registers an address again: the bridge failed its registration (e.g. a lookup timed out while a
   * node was failing), so nothing would arrive on it until the next reconnect.
   */
  reregister(address) {
    const handler = this.registrations.get(address);
    if (!handler || !this.open) return;
    this.eb.unregisterHandler(address, handler);
    this.eb.registerHandler(address, handler);
  }

  /** A request: resolves with the reply body, rejects with {failureCode, message}. */
  request(address, body) {
    return new Promise((resolve, reject) => {
      if (!this.open) {
        reject({ failureCode: NO_REPLY, message: 'offline' });
        return;
      }
      const entry = { reject };
      const timer = setTimeout(() => {
        this.pending.delete(entry);
        reject({ failureCode: NO_REPLY, message: 'timeout' });
      }, REQUEST_TIMEOUT_MS);
      this.pending.add(entry);
      this.eb.send(address, body, {}, (err, msg) => {
        clearTimeout(timer);
        if (!this.pending.delete(entry)) return;
        if (err) reject({ failureCode: err.failureCode, message: err.message });
        else {
          this.attempt = 0;
          resolve(msg.body);
        }
      });
    });
  }

  /** Fire and forget. */
  send(address, body) {
    if (this.open) this.eb.send(address, body, {});
  }

  connected() {
    return this.open;
  }

  /** What the open socket runs on: "websocket" (the raw endpoint) or a SockJS transport; null while closed. */
  transport() {
    return this.open ? this.socket.transport : null;
  }
}
