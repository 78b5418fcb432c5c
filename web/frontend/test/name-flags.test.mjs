import { test } from 'node:test';
import assert from 'node:assert/strict';
import { NameFlags, FLAG_SHOWN_MS } from '../src/name-flags.js';

function setup() {
  const t = { now: 0, due: new Map(), next: 1, flags: new Map() };
  t.setTimeout = (fn, ms) => { t.due.set(t.next, { fn, at: t.now + ms }); return t.next++; };
  t.clearTimeout = (id) => t.due.delete(id);
  t.advance = (ms) => {
    t.now += ms;
    for (const [id, x] of [...t.due]) if (x.at <= t.now) { t.due.delete(id); x.fn(); }
  };
  const flags = new NameFlags({ toggleFlag: (id, on) => t.flags.set(id, on) }, t);
  return { t, flags };
}

test('a name shows on activity and hides a few seconds after the last one, not ten minutes', () => {
  const { t, flags } = setup();
  assert.ok(FLAG_SHOWN_MS >= 1000 && FLAG_SHOWN_MS <= 5000);
  flags.active('bob');
  assert.equal(t.flags.get('bob'), true);
  t.advance(FLAG_SHOWN_MS - 1000);
  flags.active('bob'); // typed again: the name stays
  t.advance(FLAG_SHOWN_MS - 1);
  assert.equal(t.flags.get('bob'), true);
  t.advance(1);
  assert.equal(t.flags.get('bob'), false);
  flags.active('bob'); // new activity shows it again
  assert.equal(t.flags.get('bob'), true);
});

test('each person has their own timer; a removed cursor and a stopped view hide nothing later', () => {
  const { t, flags } = setup();
  flags.active('bob');
  t.advance(2000);
  flags.active('carol');
  t.advance(FLAG_SHOWN_MS - 2000);
  assert.equal(t.flags.get('bob'), false);
  assert.equal(t.flags.get('carol'), true);
  flags.removed('carol');
  flags.active('dan');
  flags.stop();
  t.advance(60000);
  assert.equal(t.flags.get('carol'), true, 'no toggle on a removed cursor');
  assert.equal(t.flags.get('dan'), true);
  assert.equal(t.due.size, 0);
});
