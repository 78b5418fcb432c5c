// SockJS's raw WebSocket endpoint as the browser app uses it (web/frontend/src/bridge-socket.js), over
// the `ws` package: /eventbus/websocket, one bridge frame per text message either way. The WebSocket
// interface the app's BridgeClient expects (onopen, onmessage, onclose, send, close), with the cookie
// and Origin in the handshake, counted into the same per-process counters as sockjs-ws.cjs.
'use strict';
const WebSocket = require('ws');
const SockJSOverWs = require('./sockjs-ws.cjs');

const stats = SockJSOverWs.stats;

class RawWs {
  /**
   * options.headers (Cookie, Origin), options.perMessageDeflate: what the handshake sends;
   * options.batch: ask for a flush as one array message (?batch=true; the app does not).
   */
  constructor(url, options = {}) {
    const u = new URL(url);
    const wsUrl = `${u.protocol === 'https:' ? 'wss:' : 'ws:'}//${u.host}/eventbus/websocket${options.batch ? '?batch=true' : ''}`;
    this.onopen = this.onclose = this.onmessage = null;
    this.transport = 'websocket';
    const ws = new WebSocket(wsUrl, { headers: options.headers, perMessageDeflate: options.perMessageDeflate !== false });
    this.ws = ws;
    SockJSOverWs.track(ws);
    ws.on('upgrade', (res) => { this.extensions = res.headers['sec-websocket-extensions'] || ''; });
    ws.on('open', () => this.onopen && this.onopen({ type: 'open' }));
    ws.on('message', (data, isBinary) => {
      stats.framesIn++;
      stats.bytesIn += data.length;
      stats.messagesIn++;
      const text = isBinary ? new TextDecoder().decode(data) : data.toString();
      if (process.env.FANOUT_SHOW_FRAME && text.includes('"ops"') && !RawWs.shown) {
        RawWs.shown = true; // one frame as it came, for the docs
        console.error('a frame as received: ' + text);
      }
      if (this.onmessage) this.onmessage({ type: 'message', data: text });
    });
    ws.on('close', (code, reason) => this.onclose && this.onclose({ type: 'close', code, reason: String(reason) }));
    ws.on('error', () => {}); // a close follows
  }

  send(data) {
    if (this.ws.readyState !== WebSocket.OPEN) return;
    stats.framesOut++;
    stats.bytesOut += Buffer.byteLength(data);
    this.ws.send(data);
  }

  close() {
    this.ws.close(1000, 'Normal closure');
  }
}

module.exports = RawWs;
