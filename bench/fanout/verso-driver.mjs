// Verso's side of the generator: each user signs up over HTTP (its cookies, as the app's sign-up
// page gets them), the first creates the document and shares it with the others as editors, and
// every user runs the browser app's DocSession (and so its OtClient) over the app's bridge client
// (web/frontend/src/bridge-client.js) on the raw WebSocket endpoint as the app connects (ctx.transport
// "raw"), or on SockJS's WebSocket transport as it connected before ("sockjs"): the standard bridge
// frames, no batching extension.
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { DocSession } from '../../web/frontend/src/doc-session.js';
import { BridgeClient } from '../../web/frontend/src/bridge-client.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const frontend = path.resolve(here, '../../web/frontend');
const appRequire = createRequire(path.join(frontend, 'package.json'));
const SockJS = createRequire(import.meta.url)('./sockjs-ws.cjs');
const RawWs = createRequire(import.meta.url)('./raw-ws.cjs');
const Delta = appRequire('quill-delta');

function api(base, cookies) {
  const origin = new URL(base).origin;
  return async (method, p, body) => {
    const headers = { 'X-Requested-With': 'verso', Origin: origin };
    if (cookies.size) headers.Cookie = [...cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const res = await fetch(new URL(p, base), { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    for (const c of res.headers.getSetCookie()) {
      const [pair, ...attrs] = c.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      if (attrs.some((a) => /^\s*max-age=0\s*$/i.test(a))) cookies.delete(name);
      else cookies.set(name, pair.slice(eq + 1).trim());
    }
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${p}: ${res.status} ${text}`);
    return text ? JSON.parse(text) : null;
  };
}

/** A few at a time: sign-up hashes the password (argon2id) on the server's one core. */
async function inBatches(n, size, f) {
  const out = [];
  for (let i = 0; i < n; i += size) {
    out.push(...(await Promise.all(Array.from({ length: Math.min(size, n - i) }, (_, k) => f(i + k)))));
  }
  return out;
}

let lastExtensions = '';

class User {
  constructor(ctx, index, cookies, docId) {
    this.ctx = ctx;
    this.index = index;
    this.cursor = -1;
    this.unsent = []; // times of the keystrokes not yet in a submitted op
    this.clientId = `bench-${index}-${Math.random().toString(36).slice(2, 14)}`;
    const origin = new URL(ctx.url).origin;
    const cookie = [...cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const handshake = { headers: { Cookie: cookie, Origin: origin }, perMessageDeflate: ctx.deflate, batch: ctx.batch };
    this.socket = ctx.transport === 'sockjs' ? new SockJS(new URL('/eventbus', ctx.url).href, null, handshake)
      : new RawWs(ctx.url, handshake);
    this.eb = new BridgeClient(this.socket, { pingIntervalMs: 5000 }); // as the app's Connection
    this.open = false;
    const ready = {};
    this.synced = new Promise((resolve, reject) => Object.assign(ready, { resolve, reject }));
    const io = {
      request: (address, body) => this.request(address, body),
      register: (address, handler) => this.eb.registerHandler(address, (err, msg) => {
        if (!err && msg.body && msg.body.type === 'op' && msg.body.clientId !== this.clientId) {
          ctx.received(this, msg.body.rev, msg.body.clientId + ':' + msg.body.seq, msg.body.ops);
        }
        handler(err, msg);
      }),
      reregister: () => {},
      connected: () => this.open,
      apply: (delta) => {
        if (this.cursor >= 0) this.cursor = delta.transformPosition(this.cursor);
      },
      setContents: (ops) => {
        this.cursor = ctx.lineEnd(ctx.textOf(ops), index);
      },
      broken: () => false,
      statusChanged: () => {},
      accessChanged: () => {},
      pending: () => {},
      title: () => {},
      tell: (m) => console.error('notice', m),
      opened: () => Promise.resolve(),
      synced: () => ready.resolve(),
      timers: globalThis,
    };
    this.session = new DocSession(io, { docId, clientId: this.clientId, role: 'editor' });
    this.eb.onopen = () => {
      this.open = true;
      lastExtensions = this.socket.extensions;
      this.session.start(); // registers the document's events (the app's Connection does it on open)
      this.session.onOpen();
    };
    this.eb.onerror = (e) => {
      ctx.run.failures++;
      console.error('bridge error', JSON.stringify(e));
    };
    this.eb.onclose = () => {
      if (this.open) ctx.run.closed++;
      this.open = false;
      this.session.onClose();
      ready.reject(new Error('socket closed before the document opened'));
    };
  }

  /** The app's Connection.request: the reply body, or a rejection {failureCode, message}. */
  request(address, body) {
    if (body.action === 'submit') {
      const key = this.clientId + ':' + body.seq;
      if (!this.ctx.run.sentAt.has(key)) {
        this.ctx.run.sentAt.set(key, this.unsent.length ? this.unsent[0] : performance.now());
        this.unsent = [];
      }
    }
    return new Promise((resolve, reject) => {
      if (!this.open) {
        reject({ failureCode: -1, message: 'offline' });
        return;
      }
      this.eb.send(address, body, {}, (err, msg) => {
        if (err) reject({ failureCode: err.failureCode, message: err.message });
        else resolve(msg.body);
      });
    });
  }

  type() {
    if (this.cursor < 0 || !this.session.synced) return;
    this.unsent.push(performance.now());
    this.session.local(new Delta().retain(this.cursor).insert('k'));
    this.cursor++;
  }
}

export async function connect(ctx) {
  const stamp = Date.now().toString(36);
  const accounts = await inBatches(ctx.users, 4, async (i) => {
    const cookies = new Map();
    const call = api(ctx.url, cookies);
    const username = `fan${stamp}${i}`;
    await call('POST', '/api/auth/register', { username, password: `fan-out password ${username}`, displayName: username });
    return { username, cookies, call };
  });
  const owner = accounts[0];
  const doc = await owner.call('POST', '/api/docs', { title: 'fan-out' });
  await inBatches(ctx.users - 1, 8, (i) => owner.call('PUT', `/api/docs/${encodeURIComponent(doc.id)}/members/${accounts[i + 1].username}`, { role: 'editor' }));
  // the first user writes one line per user, then everyone else opens the document
  const first = new User(ctx, 0, owner.cookies, doc.id);
  await first.synced;
  first.session.local(new Delta().insert(ctx.lines));
  while (first.session.ot.hasPending()) await new Promise((r) => setTimeout(r, 20));
  first.cursor = ctx.lineEnd(ctx.lines, 0);
  const rest = await inBatches(ctx.users - 1, 16, async (i) => {
    const u = new User(ctx, i + 1, accounts[i + 1].cookies, doc.id);
    await u.synced;
    return u;
  });
  return [first, ...rest];
}

export function stats() {
  return { ...SockJS.stats, tcpBytesIn: SockJS.tcpBytesIn() };
}

export function extensions() {
  return lastExtensions || 'none';
}

export async function close(clients) {
  for (const c of clients) {
    c.session.stop();
    c.eb.close();
  }
}
