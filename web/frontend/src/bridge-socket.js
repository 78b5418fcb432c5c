// The socket the bridge runs on. First SockJS's raw WebSocket endpoint (/eventbus/websocket, part of
// the SockJS standard: one bridge frame per WebSocket text message, no SockJS framing, so the server
// writes every event's bytes as they are to every socket instead of quoting them into an `a[…]` frame
// per socket); when no WebSocket can be opened there (a proxy that does not pass the upgrade), SockJS
// over its xhr transports. A WebSocket that opened and closed later is no reason to leave it.

/** What SockJS may use after the raw WebSocket failed: a WebSocket through SockJS would fail the same way. */
export const XHR_TRANSPORTS = ['xhr-streaming', 'xhr-polling'];

/** A WebSocket still connecting after this long is given up for SockJS (a proxy may hold the upgrade). */
export const OPEN_TIMEOUT_MS = 10000;

export function rawWebSocketUrl(location) {
  return (location.protocol === 'https:' ? 'wss:' : 'ws:') + '//' + location.host + '/eventbus/websocket';
}

/**
 * A socket with the WebSocket interface (onopen, onmessage, onclose, send, close) over the raw
 * WebSocket, or over SockJS when that never opens. `transport` names what it runs on once open:
 * "websocket" (the raw endpoint) or SockJS's transport ("xhr-streaming", …).
 *
 * @param options.transports  SockJS only, restricted to these transports (diagnostics, the browser tests)
 * @param options.viaSockJS   SockJS over xhr at once (the raw WebSocket failed earlier on this page)
 * @param options.onFellBack  called when SockJS opened after the raw WebSocket could not
 * @param env                 { WebSocket, SockJS, location, timers }
 */
export class BridgeSocket {
  constructor({ transports = null, viaSockJS = false, onFellBack = () => {} } = {}, env) {
    this.env = env;
    this.onopen = this.onmessage = this.onclose = null;
    this.transport = null;
    this.closed = false;
    this.onFellBack = onFellBack;
    if (transports) this.sockJS(transports, false);
    else if (viaSockJS) this.sockJS(XHR_TRANSPORTS, false);
    else this.raw();
  }

  raw() {
    const { WebSocket, location, timers } = this.env;
    const ws = new WebSocket(rawWebSocketUrl(location));
    this.inner = ws;
    let opened = false;
    const timer = timers.setTimeout(() => ws.close(), OPEN_TIMEOUT_MS);
    ws.onopen = () => {
      timers.clearTimeout(timer);
      opened = true;
      this.transport = 'websocket';
      if (this.onopen) this.onopen();
    };
    ws.onmessage = (e) => {
      if (this.onmessage) this.onmessage(e);
    };
    ws.onclose = (e) => {
      timers.clearTimeout(timer);
      if (opened || this.closed) this.ended(e);
      else this.sockJS(XHR_TRANSPORTS, true);
    };
  }

  sockJS(transports, fellBack) {
    const sock = new this.env.SockJS('/eventbus', null, { transports });
    this.inner = sock;
    sock.onopen = () => {
      this.transport = sock.transport || transports[0];
      if (fellBack) this.onFellBack();
      if (this.onopen) this.onopen();
    };
    sock.onmessage = (e) => {
      if (this.onmessage) this.onmessage(e);
    };
    sock.onclose = (e) => this.ended(e);
  }

  ended(e) {
    if (this.onclose) this.onclose(e);
  }

  send(text) {
    this.inner.send(text);
  }

  close() {
    this.closed = true;
    this.inner.close();
  }
}
