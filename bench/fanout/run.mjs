// Fan-out cost side by side (issue 28): ShareDB 7 + rich-text (in memory) and Verso (durable, with
// its embedded PostgreSQL and Redis), each started fresh and pinned to core 0, the same generator
// (gen.mjs) pinned to core 1, the same workload; prints each server's CPU per delivered keystroke
// and the ratio Verso/ShareDB, with the generator's cost and the wire per delivery.
// usage (from the repository root, after `mvn -B -q -pl app -am package -DskipTests`):
//   node bench/fanout/run.mjs [--users 64[,128]] [--rate 6] [--warmup 20] [--seconds 30] [--rounds 1]
//        [--targets sharedb,verso[,verso-nodeflate,verso-sockjs]] [--server-core 0] [--generator-core 1]
//        [--verso-jvm "-XX:MaxGCPauseMillis=20 ..."] [--json results.json]
// verso: clients as the browser app connects (the raw WebSocket endpoint, offering permessage-deflate);
// -sockjs: over SockJS's WebSocket transport instead, as the app connected before; -nodeflate: clients
// that do not offer permessage-deflate (browsers always offer it); -batch: clients that ask for a
// flush as one array message (?batch=true; the app does not). Server settings on top of
// bench/bench-server.json after an @, joined by +: verso@http.webSocketCompressionLevel=1; jar=FILE runs
// another build (verso-sockjs@jar=/tmp/before.jar), so that a before and an after share one run.
// FANOUT_SHOW_FRAME=1 prints one frame of an op event as a Verso client received it.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const args = Object.fromEntries(process.argv.slice(2).reduce((acc, a, i, all) => {
  if (a.startsWith('--')) acc.push([a.slice(2), all[i + 1] && !all[i + 1].startsWith('--') ? all[i + 1] : 'true']);
  return acc;
}, []));
const userCounts = String(args.users || '64').split(',').map(Number);
const targets = String(args.targets || 'sharedb,verso').split(',');
const rounds = Number(args.rounds || 1);
const serverCore = String(args['server-core'] || 0);
const generatorCore = String(args['generator-core'] || 1);
const versoPort = Number(args['verso-port'] || 18190);
const versoOpsPort = versoPort + 1000; // /health and /metrics are served on the ops port only
const sharedbPort = Number(args['sharedb-port'] || 18191);
const dataDir = args['data-dir'] || '/tmp/verso-fanout';
// the README's start command (its JVM options), with the benchmarks' raised guardrails (sign-ups from one address)
const versoJvm = (args['verso-jvm'] || '-XX:MaxGCPauseMillis=20 -XX:G1RSetUpdatingPauseTimePercent=100').split(/\s+/).filter(Boolean);
const jar = path.join(root, 'app/target/verso.jar');

function log(...a) {
  console.error(new Date().toISOString().slice(11, 19), ...a);
}

/** What the generator and ShareDB need from npm, once: this folder's packages and the browser app's. */
function ensurePackages() {
  for (const dir of [here, path.join(root, 'web/frontend')]) {
    if (!fs.existsSync(path.join(dir, 'node_modules'))) {
      log(`npm ci in ${path.relative(root, dir)}`);
      const r = spawnSync('npm', ['ci', '--no-audit', '--no-fund', '--ignore-scripts'], { cwd: dir, stdio: 'inherit' });
      if (r.status !== 0) throw new Error(`npm ci failed in ${dir}`);
    }
  }
  if (targets.some((t) => t.startsWith('verso')) && !fs.existsSync(jar)) {
    throw new Error(`${jar} is missing: mvn -B -q -pl app -am package -DskipTests`);
  }
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function until(what, ok, seconds) {
  for (let i = 0; i < seconds * 4; i++) {
    if (await ok().catch(() => false)) return;
    await sleep(250);
  }
  throw new Error(`${what} not ready after ${seconds} s`);
}

function pinned(core, cmd, argv, logFile) {
  const out = fs.openSync(logFile, 'w');
  return spawn('taskset', ['-c', core, cmd, ...argv], { cwd: root, stdio: ['ignore', out, out] });
}

/** A Verso target's parts: "verso[-sockjs][-nodeflate][@key=value+key=value]". */
function versoTarget(target) {
  const [name, settings] = target.split('@');
  const config = JSON.parse(fs.readFileSync(path.join(root, 'bench/bench-server.json'), 'utf8'));
  let jarFile = jar;
  for (const kv of settings ? settings.split('+') : []) {
    const eq = kv.indexOf('=');
    const key = kv.slice(0, eq);
    const value = kv.slice(eq + 1);
    if (key === 'jar') jarFile = path.resolve(value);
    else config[key] = /^-?[0-9.]+$|^(true|false)$/.test(value) ? JSON.parse(value) : value;
  }
  return { transport: name.includes('-sockjs') ? 'sockjs' : 'raw', deflate: name.includes('-nodeflate') ? 'off' : 'offer',
    batch: name.includes('-batch'), config, jar: jarFile };
}

/** Starts a fresh server; {child, url, marker}. */
async function startServer(target) {
  if (target === 'sharedb') {
    const child = pinned(serverCore, process.execPath, [path.join(here, 'sharedb-server.mjs'), String(sharedbPort)], '/tmp/fanout-sharedb.log');
    const url = `http://127.0.0.1:${sharedbPort}/`;
    await until('ShareDB', async () => (await fetch(url + 'health')).ok, 30);
    return { child, url };
  }
  fs.rmSync(dataDir, { recursive: true, force: true });
  const configFile = '/tmp/fanout-verso-config.json';
  const { config, jar: jarFile } = versoTarget(target);
  fs.writeFileSync(configFile, JSON.stringify(config));
  const child = pinned(serverCore, 'java', [...versoJvm, '-jar', jarFile, '--http-port', String(versoPort), '--ops-port', String(versoOpsPort),
    '--data-dir', dataDir, '--config', configFile], '/tmp/fanout-verso.log');
  const url = `http://127.0.0.1:${versoPort}/`;
  try {
    await until('Verso', async () => (await fetch(`http://127.0.0.1:${versoOpsPort}/health/ready`)).ok, 180);
  } catch (e) {
    child.kill('SIGKILL'); // a server left behind would hold the port for the next target
    throw e;
  }
  // the embedded PostgreSQL leaves the java process's tree (pg_ctl starts it): found by its data directory
  return { child, url, marker: `${dataDir}/pg/data` };
}

async function stopServer(s) {
  if (s.child.exitCode !== null) return;
  const exited = new Promise((r) => s.child.once('exit', r));
  s.child.kill('SIGTERM'); // graceful: Verso stops its embedded PostgreSQL and Redis
  if (await Promise.race([exited.then(() => true), sleep(60000).then(() => false)])) return;
  s.child.kill('SIGKILL');
  await exited;
}

async function measure(target, users) {
  const server = await startServer(target);
  try {
    const genArgs = [path.join(here, 'gen.mjs'), '--target', target.startsWith('verso') ? 'verso' : 'sharedb', '--url', server.url,
      '--server-pid', String(server.child.pid), '--users', String(users), '--rate', String(args.rate || 6),
      '--warmup', String(args.warmup || 20), '--seconds', String(args.seconds || 30),
      ...(target.startsWith('verso') ? ['--deflate', versoTarget(target).deflate, '--transport', versoTarget(target).transport,
        ...(versoTarget(target).batch ? ['--batch'] : [])] : [])];
    if (server.marker) genArgs.push('--server-marker', server.marker);
    const gen = spawn('taskset', ['-c', generatorCore, process.execPath, ...genArgs], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    gen.stdout.on('data', (d) => { out += d; });
    const code = await new Promise((r) => gen.on('exit', r));
    const line = out.split('\n').find((l) => l.startsWith('RESULT '));
    if (code !== 0 || !line) throw new Error(`generator for ${target} exited ${code}: ${out}`);
    return { ...JSON.parse(line.slice(7)), target };
  } finally {
    await stopServer(server);
  }
}

const f = (x, d = 1) => (Number.isFinite(x) ? x.toFixed(d) : '-');

function table(results) {
  const rows = [['users', 'server', 'delivered/s', 'server CPU', 'server µs/delivery', 'gen CPU', 'gen µs/delivery',
    'p50 ms', 'p99 ms', 'frames/delivery', 'bytes/delivery', 'TCP bytes/delivery', 'messages/delivery', 'dup/delivery', 'ext', 'lost']];
  for (const r of results) {
    rows.push([r.users, r.target, f(r.deliveredPerSecond, 0), f(r.serverCpuShare, 2), f(r.serverUsPerDelivery), f(r.generatorCpuShare, 2),
      f(r.generatorUsPerDelivery), f(r.latencyP50ms), f(r.latencyP99ms), f(r.framesInPerDelivery, 2), f(r.bytesInPerDelivery, 0), f(r.tcpBytesInPerDelivery, 0),
      f(r.messagesInPerDelivery, 2), f(r.duplicatesPerDelivery, 2), r.deflate === 'none' ? '-' : 'deflate',
      r.socketsClosed + r.failures]);
  }
  const widths = rows[0].map((_, i) => Math.max(...rows.map((row) => String(row[i]).length)));
  return rows.map((row) => row.map((c, i) => String(c).padStart(widths[i])).join('  ')).join('\n');
}

ensurePackages();
const results = [];
log(`cores: servers on ${serverCore}, generator on ${generatorCore}; ${targets.join(', ')}; users ${userCounts.join(', ')}`);
for (const users of userCounts) {
  for (let round = 0; round < rounds; round++) {
    for (const target of targets) {
      log(`${target}, ${users} users, round ${round + 1}/${rounds}`);
      const r = await measure(target, users);
      r.round = round + 1;
      results.push(r);
      log(`  ${f(r.serverUsPerDelivery)} µs server CPU per delivered keystroke, ${f(r.deliveredPerSecond, 0)} delivered/s`);
    }
  }
}
console.log(table(results));
// where the server's time goes: each kind of process, per delivery and per sequenced op
for (const r of results) {
  const by = Object.entries(r.serverUsPerDeliveryBy || {}).filter(([, us]) => us > 0)
    .map(([n, us]) => `${n} ${f(us)} µs/delivery = ${f((us * (r.users - 1)), 0)} µs/op`).join(', ');
  console.log(`${r.users} users, ${r.target}: ${f(r.serverOpsPerSecond, 0)} ops/s; ${by}`);
}
for (const users of userCounts) {
  for (let round = 1; round <= rounds; round++) {
    const of = (t) => results.find((r) => r.users === users && r.round === round && r.target === t);
    const s = of('sharedb');
    for (const t of targets.filter((x) => x !== 'sharedb')) {
      const v = of(t);
      if (s && v) {
        console.log(`${users} users, round ${round}: ${t}/sharedb server CPU per delivered keystroke ${f(v.serverUsPerDelivery / s.serverUsPerDelivery, 2)}`
          + ` (${f(v.serverUsPerDelivery)} / ${f(s.serverUsPerDelivery)} µs), generator CPU per delivery ${f(v.generatorUsPerDelivery / s.generatorUsPerDelivery, 2)}`
          + ` (${f(v.generatorUsPerDelivery)} / ${f(s.generatorUsPerDelivery)} µs)`);
      }
    }
  }
}
if (args.json) fs.writeFileSync(args.json, JSON.stringify(results, null, 2));
