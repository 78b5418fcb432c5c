// SockJS's WebSocket transport as sockjs-client 1.6 runs it in a browser, over the `ws` package:
// the same URL (/<server>/<session>/websocket), the same frames (each message sent as a JSON array
// of one JSON-quoted string; "o", "h", "a[...]" and "c[code,reason]" received, every string of an
// "a" frame handed on as one message): how the browser app connected before it used the raw endpoint
// (raw-ws.cjs). The app's BridgeClient runs over it; this stands in for sockjs-client so that Node can
// pass the login cookie and count the bytes.
'use strict';
const WebSocket = require('ws');

/** Per-process counters of what crossed the sockets (all sockets of this generator). */
const stats = { framesIn: 0, bytesIn: 0, messagesIn: 0, framesOut: 0, bytesOut: 0 };
/** Every socket made, for the bytes that crossed TCP (compressed, with WebSocket headers). */
const sockets = [];

function randomChars(n) {
  const abc = 'abcdefghijklmnopqrstuvwxyz012345';
  let s = '';
  for (let i = 0; i < n; i++) s += abc[Math.floor(Math.random() * abc.length)];
  return s;
}

class SockJSOverWs {
  /** options.headers (Cookie, Origin), options.perMessageDeflate: what the handshake sends. */
  constructor(url, reserved, options = {}) {
    const u = new URL(url);
    const server = String(Math.floor(Math.random() * 1000)).padStart(3, '0');
    const wsUrl = `${u.protocol === 'https:' ? 'wss:' : 'ws:'}//${u.host}${u.pathname}/${server}/${randomChars(8)}/websocket`;
    this.readyState = SockJSOverWs.CONNECTING;
    this.onopen = this.onclose = this.onmessage = null;
    const ws = new WebSocket(wsUrl, { headers: options.headers, perMessageDeflate: options.perMessageDeflate !== false });
    this.ws = ws;
    sockets.push(ws);
    ws.on('upgrade', (res) => { this.extensions = res.headers['sec-websocket-extensions'] || ''; });
    ws.on('message', (data, isBinary) => {
      stats.framesIn++;
      stats.bytesIn += data.length;
      this.transportMessage(isBinary ? data : data.toString());
    });
    ws.on('close', (code, reason) => this.closed(code, String(reason)));
    ws.on('error', () => {}); // a close follows
  }

  transportMessage(msg) {
    if (process.env.FANOUT_SHOW_FRAME && msg.includes('\\"ops\\"') && !SockJSOverWs.shown) {
      SockJSOverWs.shown = true; // one frame as it came, for the docs
      console.error('a frame as received: ' + msg);
    }
    const type = msg.slice(0, 1);
    const content = msg.slice(1);
    if (type === 'o') {
      this.readyState = SockJSOverWs.OPEN;
      if (this.onopen) this.onopen({ type: 'open' });
      return;
    }
    if (type === 'h' || !content) return;
    let payload;
    try {
      payload = JSON.parse(content);
    } catch (e) {
      return;
    }
    if (type === 'a' && Array.isArray(payload)) {
      for (const p of payload) {
        stats.messagesIn++;
        if (this.onmessage) this.onmessage({ type: 'message', data: p });
      }
    } else if (type === 'm') {
      stats.messagesIn++;
      if (this.onmessage) this.onmessage({ type: 'message', data: payload });
    } else if (type === 'c' && Array.isArray(payload) && payload.length === 2) {
      this.ws.close();
      this.closed(payload[0], payload[1]);
    }
  }

  closed(code, reason) {
    if (this.readyState === SockJSOverWs.CLOSED) return;
    this.readyState = SockJSOverWs.CLOSED;
    if (this.onclose) this.onclose({ type: 'close', code, reason, wasClean: true });
  }

  send(data) {
    if (this.readyState !== SockJSOverWs.OPEN) return;
    // sockjs-client: escape.quote (JSON.stringify; the extra escapes only touch rare code points)
    const msg = '[' + JSON.stringify(String(data)) + ']';
    stats.framesOut++;
    stats.bytesOut += Buffer.byteLength(msg);
    this.ws.send(msg);
  }

  close() {
    this.ws.close(1000, 'Normal closure');
  }
}
SockJSOverWs.CONNECTING = 0;
SockJSOverWs.OPEN = 1;
SockJSOverWs.CLOSING = 2;
SockJSOverWs.CLOSED = 3;
SockJSOverWs.stats = stats;
SockJSOverWs.track = (ws) => sockets.push(ws);
SockJSOverWs.tcpBytesIn = () => sockets.reduce((n, w) => n + (w._socket ? w._socket.bytesRead : 0), 0);

module.exports = SockJSOverWs;
