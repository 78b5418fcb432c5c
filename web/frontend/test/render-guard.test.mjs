import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RenderGuard, CANNOT_SHOW_CHANGE, CANNOT_SHOW_DOCUMENT } from '../src/render-guard.js';

/** A guard with recording I/O; resync runs the given document's open through the guard, like load(). */
function setup({ documentRenders = true } = {}) {
  const log = { reports: [], resyncs: 0, changes: 0 };
  const guard = new RenderGuard({
    report: (message, error) => log.reports.push([message, error.message]),
    resync: async () => {
      log.resyncs++;
      guard.open(() => { if (!documentRenders) throw new Error('cannot render the document'); });
    },
    changed: () => log.changes++,
  });
  return { guard, log };
}

const settle = () => new Promise((r) => setTimeout(r, 0));
const boom = () => { throw new Error('unknown embed'); };

test('a live change that renders is applied and nothing is reported', async () => {
  const { guard, log } = setup();
  let shown = 0;
  assert.equal(guard.apply(() => shown++), true);
  await settle();
  assert.deepEqual([shown, log.reports.length, log.resyncs], [1, 0, 0]);
});

test('a live change that throws is reported and the document reopened, after the current call', async () => {
  const { guard, log } = setup();
  assert.equal(guard.apply(boom), false);
  assert.deepEqual(log.reports, [[CANNOT_SHOW_CHANGE, 'unknown embed']]);
  assert.equal(log.resyncs, 0, 'not from inside the OT client receiving the event');
  await settle();
  assert.equal(log.resyncs, 1);
  assert.equal(guard.broken, false, 'the reopened document renders: the page goes on');
});

test('several failures at once cause one resync', async () => {
  const { guard, log } = setup();
  guard.apply(boom);
  guard.apply(boom);
  guard.apply(boom);
  await settle();
  assert.equal(log.resyncs, 1);
  assert.equal(log.reports.length, 3);
  guard.apply(boom); // a later one resyncs again
  await settle();
  assert.equal(log.resyncs, 2);
});

test('an opened document that cannot be rendered is the broken state, not a loop of reloads', async () => {
  const { guard, log } = setup({ documentRenders: false });
  guard.apply(boom);
  await settle();
  await settle();
  assert.equal(log.resyncs, 1);
  assert.equal(guard.broken, true);
  assert.equal(log.changes, 1);
  assert.deepEqual(log.reports.map((r) => r[0]), [CANNOT_SHOW_CHANGE, CANNOT_SHOW_DOCUMENT]);
  let shown = 0;
  assert.equal(guard.apply(() => shown++), false, 'nothing more is rendered into a broken page');
  await settle();
  assert.deepEqual([shown, log.resyncs], [0, 1]);
});

test('the first open failing is reported and broken; a later open that renders clears it', () => {
  const { guard, log } = setup();
  assert.equal(guard.open(boom), false);
  assert.equal(guard.broken, true);
  assert.deepEqual(log.reports, [[CANNOT_SHOW_DOCUMENT, 'unknown embed']]);
  assert.equal(guard.open(() => {}), true);
  assert.equal(guard.broken, false);
  assert.equal(log.changes, 2);
});

test('a failed resync ends the resync, so a later failure tries again', async () => {
  let resyncs = 0;
  const guard = new RenderGuard({ report: () => {}, resync: async () => { resyncs++; throw new Error('offline'); }, changed: () => {} });
  guard.apply(boom);
  await settle();
  await settle();
  guard.apply(boom);
  await settle();
  await settle();
  assert.equal(resyncs, 2);
});
