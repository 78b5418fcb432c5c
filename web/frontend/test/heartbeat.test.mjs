import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Heartbeat } from '../src/heartbeat.js';

/** setInterval/setTimeout on a clock the test moves. */
function fakeClock() {
  const c = { now: 0, timers: new Map(), next: 1 };
  const add = (f, ms, every) => {
    c.timers.set(c.next, { f, at: c.now + ms, every });
    return c.next++;
  };
  c.setInterval = (f, ms) => add(f, ms, ms);
  c.setTimeout = (f, ms) => add(f, ms, 0);
  c.clearInterval = c.clearTimeout = (id) => c.timers.delete(id);
  c.advance = (ms) => {
    const end = c.now + ms;
    for (;;) {
      const due = [...c.timers.entries()].filter(([, t]) => t.at <= end).sort((a, b) => a[1].at - b[1].at)[0];
      if (!due) break;
      const [id, t] = due;
      c.now = t.at;
      if (t.every) t.at += t.every;
      else c.timers.delete(id);
      t.f();
    }
    c.now = end;
  };
  return c;
}

function beating(clock) {
  const seen = { pings: 0, dead: 0 };
  const hb = new Heartbeat({ ping: () => seen.pings++, dead: () => seen.dead++ },
    { intervalMs: 5000, replyTimeoutMs: 4000, timers: clock });
  return { hb, seen };
}

test('pings at once and every interval while frames keep arriving', () => {
  const clock = fakeClock();
  const { hb, seen } = beating(clock);
  hb.start();
  assert.equal(seen.pings, 1);
  for (let i = 0; i < 6; i++) {
    clock.advance(100);
    hb.received(); // the pong
    clock.advance(4900);
  }
  assert.equal(seen.pings, 7);
  assert.equal(seen.dead, 0);
});

test('a ping answered by nothing at all within the reply timeout declares the socket dead, once', () => {
  const clock = fakeClock();
  const { hb, seen } = beating(clock);
  hb.start();
  hb.received();
  clock.advance(5000); // the second ping, never answered
  clock.advance(3999);
  assert.equal(seen.dead, 0);
  clock.advance(1);
  assert.equal(seen.dead, 1);
  clock.advance(60000);
  assert.equal(seen.dead, 1, 'stopped: no more pings or verdicts');
  assert.equal(seen.pings, 2);
});

test('any frame counts as an answer, not only a pong', () => {
  const clock = fakeClock();
  const { hb, seen } = beating(clock);
  hb.start();
  clock.advance(3000);
  hb.received(); // an event
  clock.advance(60000 - 3000 - 1);
  // every later ping unanswered: dead 4 s after the first of them
  assert.equal(seen.dead, 1);
});

test('stopped, it neither pings nor declares anything; interval 0 never pings', () => {
  const clock = fakeClock();
  const { hb, seen } = beating(clock);
  hb.start();
  hb.stop();
  clock.advance(60000);
  assert.deepEqual(seen, { pings: 1, dead: 0 });
  const quiet = new Heartbeat({ ping: () => assert.fail('no ping'), dead: () => assert.fail('never dead') },
    { intervalMs: 0, timers: clock });
  quiet.start();
  clock.advance(60000);
});
