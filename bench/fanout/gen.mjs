// The load generator of the fan-out comparison (issue 28): N users on one document, each typing
// `rate` keystrokes per second at the end of its own line, for a measured window after a warm-up.
// Against Verso it runs the browser app's own DocSession and OtClient (web/frontend/src) over the
// app's bridge client on the raw WebSocket endpoint as the app connects (or SockJS's WebSocket frames,
// as it connected before: --transport sockjs), signed up over HTTP for its cookies; against
// ShareDB, ShareDB's own client over a WebSocket. Both offer permessage-deflate as a browser does.
// It prints one line "RESULT {json}": deliveries, latency, bytes and frames, and CPU of the server's
// process tree (from /proc) and of this process over the window.
// usage: node gen.mjs --target verso|sharedb --url http://127.0.0.1:PORT/ --server-pid PID
//          [--server-marker TEXT] [--users 64] [--rate 6] [--warmup 20] [--seconds 30] [--deflate offer|off]
//          [--transport raw|sockjs] [--batch]
import { performance } from 'node:perf_hooks';
import { treeCpu } from './proc-cpu.mjs';

const args = Object.fromEntries(process.argv.slice(2).reduce((acc, a, i, all) => {
  if (a.startsWith('--')) acc.push([a.slice(2), all[i + 1] && !all[i + 1].startsWith('--') ? all[i + 1] : 'true']);
  return acc;
}, []));
const target = args.target;
const users = Number(args.users || 64);
const rate = Number(args.rate || 6);
const warmup = Number(args.warmup || 20);
const seconds = Number(args.seconds || 30);
const serverPid = Number(args['server-pid']);
const deflate = (args.deflate || 'offer') !== 'off';
const transport = args.transport || 'raw'; // Verso: the raw WebSocket endpoint (the app), or SockJS's WebSocket transport
const batch = args.batch === 'true'; // Verso, raw: ask for a flush as one array message (the app does not)

/** Remote latency in 0.1 ms buckets up to 20 s. */
class Histogram {
  constructor() {
    this.counts = new Uint32Array(200000);
    this.n = 0;
  }

  record(ms) {
    this.counts[Math.min(this.counts.length - 1, Math.max(0, Math.round(ms * 10)))]++;
    this.n++;
  }

  percentile(p) {
    let want = Math.ceil((p / 100) * this.n);
    for (let i = 0; i < this.counts.length; i++) {
      want -= this.counts[i];
      if (want <= 0) return i / 10;
    }
    return NaN;
  }
}

/** What the receivers saw, and the senders' keystroke times. */
const run = {
  measuring: false,
  keystrokes: 0, // keystrokes typed in the window
  delivered: 0, // keystrokes delivered to other users (inserted characters of remote ops) in the window
  deliveredOps: 0, // remote ops received in the window
  latency: new Histogram(),
  sentAt: new Map(), // "sender:seq" → time of the oldest keystroke the op carries
  duplicates: 0, // remote ops received again in the window
  failures: 0,
  closed: 0,
};

function insertedChars(ops) {
  let n = 0;
  for (const op of (Array.isArray(ops) ? ops : ops && ops.ops) || []) if (typeof op.insert === 'string') n += op.insert.length;
  return n;
}

/**
 * A remote op (the document's version `v` after it... or before it: any number that grows with each
 * op) arrived at a receiver. A repeat (ShareDB sends a submitter the ops it missed, which then come
 * again through its subscription) counts as a duplicate, not as a delivery.
 */
function received(receiver, v, key, ops) {
  if (v <= (receiver.maxVersion ?? -Infinity)) {
    if (run.measuring) run.duplicates++;
    return;
  }
  receiver.maxVersion = v;
  if (!run.measuring) return;
  run.delivered += insertedChars(ops);
  run.deliveredOps++;
  const at = run.sentAt.get(key);
  if (at !== undefined) run.latency.record(performance.now() - at);
}

function lineEnd(text, i) {
  let at = -1;
  for (let k = 0; k <= i; k++) {
    at = text.indexOf('\n', at + 1);
    if (at < 0) return -1;
  }
  return at;
}

const lines = Array.from({ length: users }, (_, i) => `line ${i}\n`).join('');
const textOf = (ops) => ops.map((o) => (typeof o.insert === 'string' ? o.insert : ' ')).join('');

/** Starts a user's keystrokes: one every 1/rate s from a random phase; type() does one. */
function typing(type) {
  const period = 1000 / rate;
  let timer = null;
  const start = setTimeout(() => {
    type();
    timer = setInterval(type, period);
  }, Math.random() * period);
  return () => {
    clearTimeout(start);
    clearInterval(timer);
  };
}

const driver = target === 'verso' ? await import('./verso-driver.mjs') : await import('./sharedb-driver.mjs');
const t0 = performance.now();
const clients = await driver.connect({ url: args.url, users, lines, deflate, transport, batch, run, received, lineEnd, textOf });
const setupSeconds = (performance.now() - t0) / 1000;
const stops = clients.map((c) => typing(() => {
  if (run.measuring) run.keystrokes++;
  c.type();
}));

await new Promise((r) => setTimeout(r, warmup * 1000));
const marker = args['server-marker'];
const s0 = treeCpu(serverPid, marker);
const g0 = process.cpuUsage();
const w0 = { ...driver.stats() };
const start = performance.now();
run.measuring = true;
await new Promise((r) => setTimeout(r, seconds * 1000));
run.measuring = false;
const elapsed = (performance.now() - start) / 1000;
const s1 = treeCpu(serverPid, marker);
const g = process.cpuUsage(g0);
const w1 = driver.stats();
stops.forEach((s) => s());

const d = run.delivered;
const wire = Object.fromEntries(Object.keys(w1).map((k) => [k, w1[k] - w0[k]]));
const result = {
  target, transport, batch, users, rate, warmup, seconds: elapsed, setupSeconds, deflate: driver.extensions(),
  serverProcesses: s1.processes,
  keystrokesPerSecond: run.keystrokes / elapsed,
  deliveredPerSecond: d / elapsed,
  expectedPerSecond: (run.keystrokes / elapsed) * (users - 1),
  deliveredOpsPerSecond: run.deliveredOps / elapsed,
  keystrokesPerOp: d / run.deliveredOps,
  duplicatesPerDelivery: run.duplicates / d,
  serverCpuShare: (s1.seconds - s0.seconds) / elapsed,
  // µs per delivery of each kind of server process (a PostgreSQL backend that exits takes its time with it
  // into its parent's cutime: still counted, under the parent's name)
  serverUsPerDeliveryBy: Object.fromEntries(Object.keys(s1.byName).map((n) => [n,
    Math.round((1e7 * (s1.byName[n] - (s0.byName[n] || 0))) / d) / 10])),
  // the server's sequenced ops (each delivered to users - 1 receivers): what the per-op costs divide by
  serverOpsPerSecond: run.deliveredOps / elapsed / (users - 1),
  serverUsPerDelivery: (1e6 * (s1.seconds - s0.seconds)) / d,
  generatorCpuShare: (g.user + g.system) / 1e6 / elapsed,
  generatorUsPerDelivery: (g.user + g.system) / d,
  latencyP50ms: run.latency.percentile(50),
  latencyP99ms: run.latency.percentile(99),
  latencyMaxms: run.latency.percentile(100),
  framesInPerDelivery: wire.framesIn / d,
  bytesInPerDelivery: wire.bytesIn / d,
  tcpBytesInPerDelivery: wire.tcpBytesIn / d,
  messagesInPerDelivery: wire.messagesIn / d,
  framesOutPerKeystroke: wire.framesOut / run.keystrokes,
  bytesOutPerKeystroke: wire.bytesOut / run.keystrokes,
  failures: run.failures,
  socketsClosed: run.closed,
};
console.log('RESULT ' + JSON.stringify(result));
await driver.close(clients);
process.exit(0);
