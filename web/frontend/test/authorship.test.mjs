import { test } from 'node:test';
import assert from 'node:assert/strict';
import { authorSpans, spanAt, AuthorsToggle, REFRESH_MS } from '../src/authorship.js';
import { colorOf } from '../src/colors.js';

const answer = {
  rev: 7,
  runs: [{ length: 3, userId: 'ann' }, { length: 2, userId: null }, { length: 4, userId: 'bob' }, { length: 1, userId: 'ann' }],
  authors: [{ userId: 'ann', name: 'Ann' }, { userId: 'bob', name: 'Bob' }],
};

test('runs become spans at their positions, unknown authors uncoloured', () => {
  assert.deepEqual(authorSpans(answer), [
    { index: 0, length: 3, userId: 'ann', name: 'Ann', color: colorOf('ann') },
    { index: 5, length: 4, userId: 'bob', name: 'Bob', color: colorOf('bob') },
    { index: 9, length: 1, userId: 'ann', name: 'Ann', color: colorOf('ann') },
  ]);
});

test('spans follow what the page has changed since the answer\'s revision', () => {
  const seen = [];
  // the page inserted 2 characters at 4 after revision 7, then deleted the one at 10 (Bob's last)
  const map = (i, rev) => { seen.push(rev); const j = i >= 4 ? i + 2 : i; return j >= 11 ? j - 1 : j; };
  const spans = authorSpans(answer, map);
  assert.deepEqual(spans.map((s) => [s.index, s.length]), [[0, 3], [7, 3], [10, 1]]);
  assert.ok(seen.every((r) => r === 7));
});

test('spanAt finds the span of a position, none between spans', () => {
  const spans = authorSpans(answer);
  assert.equal(spanAt(spans, 0).name, 'Ann');
  assert.equal(spanAt(spans, 2).name, 'Ann');
  assert.equal(spanAt(spans, 3), null);
  assert.equal(spanAt(spans, 8).name, 'Bob');
  assert.equal(spanAt(spans, 9).userId, 'ann');
  assert.equal(spanAt(spans, 10), null);
  assert.equal(spanAt([], 0), null);
});

function manualTimers() {
  const t = { due: [] };
  t.setTimeout = (fn, ms) => { const x = { fn, ms }; t.due.push(x); return x; };
  t.clearTimeout = (x) => { t.due = t.due.filter((y) => y !== x); };
  t.fire = () => { const d = t.due; t.due = []; d.forEach((x) => x.fn()); };
  return t;
}

function toggle(answers) {
  const v = { painted: null, cleared: 0, fetches: 0, failures: [], timers: manualTimers(), pending: [] };
  v.toggle = new AuthorsToggle({
    fetch: () => { v.fetches++; return answers.shift()(); },
    mapIndex: (i) => i,
    paint: (spans) => { v.painted = spans; },
    clear: () => { v.painted = null; v.cleared++; },
    failed: (e) => v.failures.push(e),
    changed: () => {},
  }, v.timers);
  return v;
}

test('shown, refetched once per quiet moment, hidden', async () => {
  const v = toggle([async () => answer, async () => ({ rev: 8, runs: [{ length: 5, userId: 'bob' }], authors: [{ userId: 'bob', name: 'Bob' }] })]);
  await v.toggle.show();
  assert.equal(v.painted.length, 3);
  assert.equal(v.toggle.authorAt(6), 'Bob');
  v.toggle.textChanged();
  v.toggle.textChanged();
  v.toggle.textChanged();
  assert.equal(v.timers.due.length, 1, 'one refetch for a burst of changes');
  assert.equal(v.timers.due[0].ms, REFRESH_MS);
  v.timers.fire();
  await new Promise((r) => setImmediate(r));
  assert.equal(v.fetches, 2);
  assert.deepEqual(v.painted.map((s) => s.name), ['Bob']);
  v.toggle.hide();
  assert.equal(v.painted, null);
  assert.equal(v.toggle.authorAt(1), null);
  v.toggle.textChanged();
  assert.equal(v.timers.due.length, 0, 'no refetch while hidden');
});

test('an answer arriving after hiding, or after a newer one was asked for, is dropped', async () => {
  let release;
  const v = toggle([() => new Promise((r) => { release = () => r(answer); })]);
  const shown = v.toggle.show();
  v.toggle.hide();
  release();
  await shown;
  assert.equal(v.painted, null);
});

test('a failed fetch turns the colours off and says so', async () => {
  const v = toggle([async () => { throw Object.assign(new Error('no'), { status: 403 }); }]);
  await v.toggle.show();
  assert.equal(v.toggle.on, false);
  assert.equal(v.failures.length, 1);
});
