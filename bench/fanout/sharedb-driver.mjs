// ShareDB's side of the generator: every user runs ShareDB's own client (sharedb/lib/client, which
// keeps one op in flight and composes the rest behind it, as Verso's OtClient does) over one
// WebSocket, subscribed to the same rich-text document.
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import WebSocket from 'ws';

const require = createRequire(import.meta.url);
const ShareDB = require('sharedb/lib/client');
const richText = require('rich-text');
const Delta = richText.Delta;
ShareDB.types.register(richText.type);

const wire = { framesIn: 0, bytesIn: 0, messagesIn: 0, framesOut: 0, bytesOut: 0 };
let lastExtensions = '';
const sockets = [];

class User {
  constructor(ctx, index) {
    this.ctx = ctx;
    this.index = index;
    this.cursor = -1;
    this.unsent = [];
    const ws = new WebSocket(ctx.url.replace(/^http/, 'ws'), { perMessageDeflate: ctx.deflate });
    ws.on('upgrade', (res) => { lastExtensions = res.headers['sec-websocket-extensions'] || ''; });
    ws.on('message', (data) => {
      wire.framesIn++;
      wire.messagesIn++;
      wire.bytesIn += data.length;
    });
    const send = ws.send.bind(ws);
    ws.send = (text) => {
      wire.framesOut++;
      wire.bytesOut += Buffer.byteLength(text);
      send(text);
    };
    ws.on('close', () => ctx.run.closed++);
    this.ws = ws;
    sockets.push(ws);
    this.connection = new ShareDB.Connection(ws);
    this.connection.on('send', (msg) => {
      if (msg.a !== 'op') return;
      const key = this.connection.id + ':' + msg.seq;
      if (!ctx.run.sentAt.has(key)) {
        ctx.run.sentAt.set(key, this.unsent.length ? this.unsent[0] : performance.now());
        this.unsent = [];
      }
    });
    this.connection.on('receive', (request) => {
      const m = request.data;
      if (m && m.a === 'op' && m.op && m.src !== this.connection.id) ctx.received(this, m.v, m.src + ':' + m.seq, m.op);
    });
    this.doc = this.connection.get('bench', 'fanout');
    this.doc.on('op', (op, source) => {
      if (!source && this.cursor >= 0) this.cursor = new Delta(op).transformPosition(this.cursor);
    });
    this.doc.on('error', (e) => {
      ctx.run.failures++;
      console.error('doc error', e.message);
    });
  }

  subscribe() {
    return new Promise((resolve, reject) => this.doc.subscribe((err) => (err ? reject(err) : resolve())));
  }

  type() {
    if (this.cursor < 0) return;
    this.unsent.push(performance.now());
    this.doc.submitOp(new Delta().retain(this.cursor).insert('k'));
    this.cursor++;
  }
}

export async function connect(ctx) {
  const first = new User(ctx, 0);
  await first.subscribe();
  await new Promise((resolve, reject) => first.doc.create(new Delta().insert(ctx.lines + '\n'), 'rich-text',
    (err) => (err ? reject(err) : resolve())));
  first.cursor = ctx.lineEnd(ctx.lines, 0);
  const rest = [];
  for (let i = 1; i < ctx.users; i += 16) {
    const batch = Array.from({ length: Math.min(16, ctx.users - i) }, (_, k) => new User(ctx, i + k));
    await Promise.all(batch.map(async (u) => {
      await u.subscribe();
      u.cursor = ctx.lineEnd(ctx.textOf(u.doc.data.ops), u.index);
    }));
    rest.push(...batch);
  }
  return [first, ...rest];
}

export function stats() {
  return { ...wire, tcpBytesIn: sockets.reduce((n, w) => n + (w._socket ? w._socket.bytesRead : 0), 0) };
}

export function extensions() {
  return lastExtensions || 'none';
}

export async function close(clients) {
  for (const c of clients) c.connection.close();
}
