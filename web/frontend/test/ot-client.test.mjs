import { test } from 'node:test';
import assert from 'node:assert/strict';
import Delta from 'quill-delta';
import { OtClient, backoffDelay, rebasePending, splitDelta, opBytes, MAX_OP_CHARS } from '../src/ot-client.js';

// A tiny in-memory server with the sequencer's rule: committed.transform(incoming, true).
function server() {
  const s = { doc: new Delta(), log: [], seen: new Map() };
  s.submit = (m) => {
    const key = m.clientId + ':' + m.seq;
    if (s.seen.has(key)) return { rev: s.seen.get(key), duplicate: true };
    let op = new Delta(m.ops);
    for (const e of s.log.slice(m.baseRev)) op = new Delta(e.ops).transform(op, true);
    s.doc = s.doc.compose(op);
    const ev = { type: 'op', rev: s.log.length + 1, ops: op.ops, clientId: m.clientId, seq: m.seq };
    s.log.push(ev);
    s.seen.set(key, ev.rev);
    return ev;
  };
  return s;
}

/** A small deterministic generator of numbers in [0, 1), so that a failing seed can be replayed. */
function seeded(seed) {
  let x = seed;
  return () => {
    x = (x * 1103515245 + 12345) % 2147483648;
    return x / 2147483648;
  };
}

function client(name, srv, outbox) {
  const c = { doc: new Delta() };
  c.ot = new OtClient({
    submit: (m) => { outbox.push(m); return new Promise(() => {}); },
    apply: (d) => { c.doc = c.doc.compose(d); },
    changed: () => {},
    failed: (e) => { throw new Error(name + ' failed ' + JSON.stringify(e)); },
  }, name.padEnd(16, 'x'));
  c.ot.setOnline(true);
  c.type = (delta) => { c.doc = c.doc.compose(delta); c.ot.local(delta); };
  return c;
}

test('two clients converge under random interleavings', () => {
  for (let seed = 1; seed <= 200; seed++) {
    const rnd = seeded(seed);
    const srv = server();
    const outbox = [];
    const clients = [client('alice', srv, outbox), client('bob', srv, outbox)];
    const deliveries = [[], []];
    for (let step = 0; step < 60; step++) {
      const r = rnd();
      const c = clients[Math.floor(rnd() * 2)];
      if (r < 0.5) {
        const len = c.doc.length();
        const at = Math.floor(rnd() * (len + 1));
        const d = rnd() < 0.7 || len === 0
          ? new Delta().retain(at).insert(String.fromCharCode(97 + Math.floor(rnd() * 26)), rnd() < 0.3 ? { bold: true } : undefined)
          : new Delta().retain(Math.min(at, len - 1)).delete(1);
        c.type(d);
      } else if (r < 0.75 && outbox.length) {
        const ev = srv.submit(outbox.shift());
        if (ev.type) deliveries.forEach((q) => q.push(ev));
      } else {
        const i = Math.floor(rnd() * 2);
        if (deliveries[i].length) clients[i].ot.receive(deliveries[i].shift());
      }
    }
    // drain
    for (let guard = 0; guard < 1000 && (outbox.length || deliveries[0].length || deliveries[1].length); guard++) {
      while (outbox.length) { const ev = srv.submit(outbox.shift()); if (ev.type) deliveries.forEach((q) => q.push(ev)); }
      for (let i = 0; i < 2; i++) while (deliveries[i].length) clients[i].ot.receive(deliveries[i].shift());
    }
    for (const c of clients) {
      assert.equal(c.ot.hasPending(), false, 'seed ' + seed);
      assert.deepEqual(c.doc.ops, srv.doc.ops, 'seed ' + seed);
    }
  }
});

test('events out of order wait for the gap, repeats are ignored', () => {
  const applied = [];
  const ot = new OtClient({ submit: () => new Promise(() => {}), apply: (d) => applied.push(d), changed: () => {}, failed: () => {} }, 'c'.repeat(16));
  assert.equal(ot.receive({ type: 'op', rev: 2, ops: [{ insert: 'b' }], clientId: 'o', seq: 2 }), 'gap');
  assert.equal(ot.receive({ type: 'op', rev: 1, ops: [{ insert: 'a' }], clientId: 'o', seq: 1 }), 'applied');
  assert.equal(ot.rev, 2);
  assert.equal(ot.receive({ type: 'op', rev: 1, ops: [{ insert: 'a' }], clientId: 'o', seq: 1 }), 'old');
  assert.equal(applied.length, 2);
});

test('offline edits stay pending and are sent once online, with the same seq on resend', () => {
  const sent = [];
  const ot = new OtClient({ submit: (m) => { sent.push(m); return new Promise(() => {}); }, apply: () => {}, changed: () => {}, failed: () => {} }, 'c'.repeat(16));
  ot.local(new Delta().insert('a'));
  ot.local(new Delta().retain(1).insert('b'));
  assert.equal(sent.length, 0);
  ot.setOnline(true);
  ot.flush();
  ot.flush();
  assert.deepEqual(sent.map((m) => m.seq), [1, 1]);
  assert.deepEqual(ot.buffer.ops, [{ retain: 1 }, { insert: 'b' }]);
});

test('backoff has full jitter and a cap', () => {
  assert.equal(backoffDelay(50, 500, 30000, () => 0.999999), 29999);
  assert.equal(backoffDelay(0, 500, 30000, () => 0), 0);
  assert.ok(backoffDelay(3, 500, 30000, () => 0.5) <= 2000);
});

test('a remote selection seen at an older revision is moved through later ops and our pending ones', () => {
  const ot = new OtClient({ submit: () => new Promise(() => {}), apply: () => {}, changed: () => {}, failed: () => {} }, 'c'.repeat(16));
  ot.reset(0);
  ot.receive({ type: 'op', rev: 1, ops: [{ insert: 'hello world\n' }], clientId: 'o', seq: 1 });
  ot.receive({ type: 'op', rev: 2, ops: [{ insert: '>> ' }], clientId: 'o', seq: 2 });
  ot.setOnline(true);
  ot.local(new Delta().insert('AB'));
  // Someone's cursor after "hello" at rev 1 is now after ">> " and our "AB".
  assert.equal(ot.transformIndex(5, 1), 5 + 3 + 2);
  // Seen at our revision: only our pending edit moves it.
  assert.equal(ot.transformIndex(8, 2), 10);
});

test('the committed ops since a revision while they are kept, the pending edits in order, each applied op announced', () => {
  const seen = [];
  const ot = new OtClient({ submit: () => new Promise(() => {}), apply: () => {}, changed: () => {}, failed: () => {},
    committed: (ev) => seen.push(ev.rev) }, 'c'.repeat(16));
  ot.reset(0);
  for (let r = 1; r <= 205; r++) ot.receive({ type: 'op', rev: r, ops: [{ insert: 'x' }], clientId: 'o', seq: r });
  assert.equal(seen.length, 205);
  assert.deepEqual(ot.committedSince(205), []);
  assert.equal(ot.committedSince(203).length, 2);
  assert.equal(ot.committedSince(5).length, 200, 'the 200 kept');
  assert.equal(ot.committedSince(4), null, 'older than the 200 kept');
  assert.equal(ot.committedSince(206), null, 'ahead of the client');
  ot.setOnline(true);
  ot.local(new Delta().insert('A'));
  ot.local(new Delta().insert('B'));
  assert.deepEqual(ot.pendingDeltas().map((d) => d.ops), [[{ insert: 'A' }], [{ insert: 'B' }]]);
  ot.receive({ type: 'op', rev: 206, ops: [{ insert: 'A' }], clientId: ot.clientId, seq: 1 });
  assert.deepEqual(seen.slice(-1), [206], 'our own op, acknowledged, is announced too');
});

test('a dead client\'s pending edits, rebased over what came after and adopted, land exactly once', () => {
  for (let seed = 1; seed <= 300; seed++) {
    const rnd = seeded(seed);
    const srv = server();
    const outbox = [];
    const bob = client('bob', srv, outbox);
    const carol = client('carol', srv, outbox);
    const queues = new Map([[bob, []], [carol, []]]);
    const typed = []; // carol's characters, each unique
    const insertAt = (c, text) => new Delta().retain(Math.floor(rnd() * (c.doc.length() + 1))).insert(text);
    const process = () => {
      const ev = srv.submit(outbox.shift());
      if (ev.type) for (const q of queues.values()) q.push(ev);
    };
    const step = (withCarol) => {
      const r = rnd();
      if (r < 0.25) bob.type(insertAt(bob, 'b'));
      else if (r < 0.5 && withCarol) {
        const ch = String.fromCharCode(0x4e00 + typed.length);
        typed.push(ch);
        carol.type(insertAt(carol, ch));
      } else if (r < 0.75 && outbox.length) process();
      else {
        const c = withCarol && rnd() < 0.5 ? carol : bob;
        const q = queues.get(c);
        if (q.length) c.ot.receive(q.shift());
      }
    };
    for (let i = 0; i < 40; i++) step(true);

    // Carol's tab dies: what it journaled is its pending state; each of its sends may or may not
    // have reached the server.
    const state = carol.ot.pendingState();
    queues.delete(carol);
    const keep = outbox.filter((m) => !m.clientId.startsWith('carol') || rnd() < 0.5);
    outbox.length = 0;
    outbox.push(...keep);
    for (let i = 0; i < 20; i++) step(false);
    while (outbox.length) process();

    // A new tab opens the document at the head and takes the pending edits over.
    const dave = client('dave', srv, outbox);
    dave.doc = srv.doc;
    dave.ot.reset(srv.log.length);
    queues.set(dave, []);
    if (state !== null) {
      const { state: left, change } = rebasePending(state, srv.log.filter((e) => e.rev > state.rev));
      if (left !== null) {
        dave.doc = dave.doc.compose(change);
        dave.ot.adopt(left);
      }
    }
    for (let rounds = 0; rounds < 100 && (outbox.length || [...queues.values()].some((q) => q.length)); rounds++) {
      while (outbox.length) process();
      for (const [c, q] of queues) while (q.length) c.ot.receive(q.shift());
    }
    assert.equal(dave.ot.hasPending(), false, 'seed ' + seed);
    assert.deepEqual(dave.doc.ops, srv.doc.ops, 'seed ' + seed);
    assert.deepEqual(bob.doc.ops, srv.doc.ops, 'seed ' + seed);
    const text = srv.doc.ops.map((o) => o.insert).join('');
    for (const ch of typed) {
      assert.equal(text.split(ch).length - 1, 1, 'seed ' + seed + ': carol\'s ' + ch + ' once');
    }
  }
});

test('rebasing refuses events with a gap', () => {
  const state = { clientId: 'carolxxxxxxxxxxx', rev: 2, seq: 1, inflight: { seq: 1, ops: [{ insert: 'x' }] }, buffer: null };
  assert.throws(() => rebasePending(state, [{ type: 'op', rev: 4, ops: [{ insert: 'y' }], clientId: 'b', seq: 1 }]), /gap/);
});

test('splitDelta: the parts compose to the change, each within its bounds, cut between characters', () => {
  const alphabet = ['a', 'b', 'c', '\n', '😀', 'é'];
  for (let seed = 1; seed <= 500; seed++) {
    const rnd = seeded(seed);
    const pick = (list) => list[Math.floor(rnd() * list.length)];
    const text = (n) => Array.from({ length: n }, () => pick(alphabet)).join('');
    let doc = new Delta().insert(text(1 + Math.floor(rnd() * 30)));
    doc = doc.compose(new Delta().retain(Math.floor(rnd() * doc.length())).insert({ image: 'x.png' }));
    // a random change of that document: retains (some formatting), deletes, inserts, embeds
    const change = new Delta();
    let left = doc.length();
    while (left > 0 || rnd() < 0.3) {
      const r = rnd();
      if (r < 0.35 && left > 0) {
        const n = 1 + Math.floor(rnd() * Math.min(left, 6));
        change.retain(n, rnd() < 0.4 ? { bold: true } : undefined);
        left -= n;
      } else if (r < 0.55 && left > 0) {
        const n = 1 + Math.floor(rnd() * Math.min(left, 4));
        change.delete(n);
        left -= n;
      } else if (r < 0.9) {
        change.insert(text(1 + Math.floor(rnd() * 12)), rnd() < 0.3 ? { italic: true } : undefined);
      } else if (r < 0.95) {
        change.insert({ image: 'y.png' });
      } else {
        change.insert({ image: 'data:image/png;base64,' + 'A'.repeat(Math.floor(rnd() * 200)) });
      }
      if (left === 0 && rnd() < 0.7) break;
    }
    const maxChars = 2 + Math.floor(rnd() * 8);
    const maxComponents = 2 + Math.floor(rnd() * 4);
    const maxBytes = 40 + Math.floor(rnd() * 100);
    let rest = change;
    let result = doc;
    for (let parts = 0; rest !== null; parts++) {
      assert.ok(parts < 1000, 'seed ' + seed + ': no progress');
      const [head, next] = splitDelta(rest, maxChars, maxComponents, maxBytes);
      assert.ok(head.ops.length <= maxComponents, 'seed ' + seed + ': components');
      const bytes = head.ops.reduce((n, o) => n + opBytes(o), 0);
      // over the bytes only for one component that cannot be cut (after the retain to where it applies)
      const doing = head.ops.filter((o, k) => !(k === 0 && typeof o.retain === 'number' && !o.attributes));
      assert.ok(bytes <= maxBytes || doing.length === 1, 'seed ' + seed + ': ' + bytes + ' bytes in ' + head.ops.length + ' components');
      const chars = head.ops.reduce((n, o) => n + (typeof o.insert === 'string' ? o.insert.length : o.insert ? 1 : 0), 0);
      assert.ok(chars <= maxChars, 'seed ' + seed + ': ' + chars + ' chars');
      for (const o of head.ops) {
        if (typeof o.insert === 'string') {
          const first = o.insert.charCodeAt(0);
          assert.ok(!(first >= 0xdc00 && first <= 0xdfff), 'seed ' + seed + ': starts inside a surrogate pair');
        }
      }
      result = result.compose(head);
      rest = next;
    }
    assert.deepEqual(result.ops, doc.compose(change).ops, 'seed ' + seed);
  }
});

test('opBytes is the server measure: structure, UTF-8 text, attributes and embeds', () => {
  assert.equal(opBytes({ insert: 'ab' }), 18);
  assert.equal(opBytes({ insert: 'é😀' }), 16 + 2 + 4);
  assert.equal(opBytes({ retain: 3, attributes: { bold: true, header: 2, link: null } }), 16 + (6 + 4 + 4) + (6 + 6 + 1) + (6 + 4 + 4));
  assert.equal(opBytes({ insert: { image: 'x.png' } }), 16 + 6 + 5 + 5);
  assert.equal(opBytes({ delete: 5 }), 16);
});

test('a paste of many long links or images is split by bytes, not only by characters', () => {
  const change = new Delta();
  const link = 'https://example.com/' + 'p'.repeat(2000);
  for (let i = 0; i < 1500; i++) change.insert('w' + i, { link: link + i });
  let rest = change;
  let parts = 0;
  while (rest !== null) {
    const [head, next] = splitDelta(rest);
    assert.ok(head.ops.reduce((n, o) => n + opBytes(o), 0) <= 256 * 1024);
    rest = next;
    parts++;
  }
  assert.ok(parts >= 12, parts + ' parts for 3 MB of links');
});

test('a change larger than one op goes out as several, one after the other, and converges', () => {
  const srv = server();
  const outbox = [];
  const alice = client('alice', srv, outbox);
  const big = 'x'.repeat(150 * 1024);
  alice.type(new Delta().insert(big));
  let submits = 0;
  while (outbox.length) {
    const m = outbox.shift();
    submits++;
    assert.ok(new Delta(m.ops).ops.reduce((n, o) => n + (o.insert ? o.insert.length : 0), 0) <= MAX_OP_CHARS);
    alice.ot.receive(srv.submit(m));
  }
  assert.equal(submits, 3);
  assert.equal(alice.ot.hasPending(), false);
  assert.deepEqual(srv.doc.ops, alice.doc.ops);
  assert.equal(srv.doc.ops[0].insert.length, big.length);
});
