import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PeopleSearch, optionLabel, MIN_QUERY } from '../src/people-search.js';

const settle = () => new Promise((resolve) => setImmediate(resolve));

/** Timers run by hand. */
function fakeTimers() {
  let next = 1;
  const pending = new Map();
  return {
    setTimeout: (fn) => { const id = next++; pending.set(id, fn); return id; },
    clearTimeout: (id) => pending.delete(id),
    async flush() {
      const fns = [...pending.values()];
      pending.clear();
      for (const fn of fns) fn();
      await settle();
    },
    get count() { return pending.size; },
  };
}

const ALICE = { username: 'alice', displayName: 'Alice Liddell' };
const ALAN = { username: 'alan', displayName: 'Alan' };

test('a short query searches nothing and shows no list', async () => {
  const asked = [];
  const timers = fakeTimers();
  const s = new PeopleSearch({ search: async (q) => { asked.push(q); return [ALICE]; }, timers });
  s.input('a');
  s.input(' a ');
  await timers.flush();
  assert.equal(MIN_QUERY, 2);
  assert.deepEqual(asked, []);
  assert.equal(s.expanded, false);
});

test('typing searches once it pauses, and an older answer never replaces a newer one', async () => {
  const answers = [];
  const timers = fakeTimers();
  const s = new PeopleSearch({ search: (q) => new Promise((resolve) => answers.push({ q, resolve })), timers });
  s.input('al');
  s.input('ali');
  assert.equal(timers.count, 1, 'one search per pause');
  await timers.flush();
  s.input('ala');
  await timers.flush();
  assert.deepEqual(answers.map((a) => a.q), ['ali', 'ala']);
  answers[1].resolve([ALAN]);
  await settle();
  answers[0].resolve([ALICE]);
  await settle();
  assert.deepEqual(s.options, [ALAN]);
  assert.equal(s.expanded, true);
});

test('arrows move the active option round the list, Enter picks it, Escape closes', async () => {
  const timers = fakeTimers();
  const s = new PeopleSearch({ search: async () => [ALICE, ALAN], timers });
  s.input('al');
  await timers.flush();
  assert.equal(s.active, -1);
  assert.equal(s.key('ArrowDown').handled, true);
  assert.equal(s.active, 0);
  s.key('ArrowDown');
  assert.equal(s.active, 1);
  s.key('ArrowDown');
  assert.equal(s.active, 0, 'wraps');
  s.key('ArrowUp');
  assert.equal(s.active, 1);
  const r = s.key('Enter');
  assert.deepEqual(r, { handled: true, picked: ALAN });
  assert.equal(s.expanded, false);
  assert.equal(s.key('Enter').handled, false, 'closed: Enter is the field\'s own');
  s.key('ArrowDown');
  assert.equal(s.expanded, true, 'an arrow opens it again');
  assert.equal(s.key('Escape').handled, true);
  assert.equal(s.expanded, false);
  assert.equal(s.key('Escape').handled, false, 'closed: Escape is the dialog\'s');
});

test('a failed search closes the list and says why', async () => {
  const timers = fakeTimers();
  const s = new PeopleSearch({ search: async () => { throw new Error('too many searches'); }, timers });
  s.input('al');
  await timers.flush();
  assert.equal(s.expanded, false);
  assert.equal(s.error, 'too many searches');
});

test('an option shows the display name and the username', () => {
  assert.equal(optionLabel(ALICE), 'Alice Liddell (alice)');
  assert.equal(optionLabel({ username: 'bob', displayName: 'bob' }), 'bob');
});
