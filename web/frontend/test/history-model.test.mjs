import { test } from 'node:test';
import assert from 'node:assert/strict';
import { HistoryModel, MARKS, failureMessage, restoredLabel } from '../src/history-model.js';
import { colorOf, tint } from '../src/colors.js';

const entry = (fromRev, toRev, extra = {}) => ({ fromRev, toRev, startTs: 1000 * fromRev, endTs: 1000 * toRev, ops: toRev - fromRev + 1,
  authors: [{ userId: 'ann', name: 'Ann' }], ...extra });

class HttpError extends Error {
  constructor(status) { super('http ' + status); this.status = status; }
}

/** A model on a fake API: routes (method + ' ' + path) → answer or function(body); every call recorded. */
function model(routes, pageSize = 2) {
  const v = { calls: [], told: [], kinds: [], renders: 0 };
  const api = async (method, path, body) => {
    v.calls.push(body === undefined ? method + ' ' + path : [method + ' ' + path, body]);
    const r = routes[method + ' ' + path];
    if (r === undefined) throw new HttpError(404);
    const answer = typeof r === 'function' ? await r(body) : r;
    if (answer instanceof HttpError) throw answer;
    return answer;
  };
  v.m = new HistoryModel({ api, changed: () => v.renders++, tell: (t, kind = 'error') => { v.told.push(t); v.kinds.push(kind); } }, 'd1', pageSize);
  return v;
}

test('pages newest first, each asked for before the oldest entry shown, until there is no more', async () => {
  const v = model({
    'GET /api/docs/d1/history?limit=2': { entries: [entry(9, 12), entry(5, 8)], more: true },
    'GET /api/docs/d1/history?before=5&limit=2': { entries: [entry(1, 4)], more: false },
  });
  await v.m.reload();
  assert.deepEqual(v.m.entries.map((e) => e.fromRev), [9, 5]);
  assert.equal(v.m.more, true);
  await v.m.loadMore();
  assert.deepEqual(v.m.entries.map((e) => e.fromRev), [9, 5, 1]);
  assert.equal(v.m.more, false);
  await v.m.loadMore();
  assert.equal(v.calls.length, 2, 'nothing more to ask for');
  assert.equal(v.m.loading, false);
});

test('the named filter starts again from the newest, and an older answer arriving late is dropped', async () => {
  let release;
  const v = model({
    'GET /api/docs/d1/history?limit=2': () => new Promise((r) => { release = () => r({ entries: [entry(1, 4)], more: false }); }),
    'GET /api/docs/d1/history?limit=2&named=true': { entries: [entry(4, 4, { name: 'Draft' })], more: false },
  });
  const first = v.m.reload();
  await v.m.setNamedOnly(true);
  release();
  await first;
  assert.deepEqual(v.m.entries.map((e) => e.name), ['Draft']);
  assert.equal(v.m.loading, false);
});

test('a preview shows the entry\'s last revision marked against the revision before the entry', async () => {
  const v = model({
    'GET /api/docs/d1/revisions/4': { rev: 4, content: [{ insert: 'Hello world\n' }] },
    'GET /api/docs/d1/diff?from=4&to=8': { from: 4, to: 8, ops: [{ retain: 6 }, { delete: 5, author: 'bob' }, { insert: 'there', author: 'ann' }] },
    'GET /api/docs/d1/diff?from=4&to=7': { from: 4, to: 7, ops: [{ retain: 11 }, { insert: '!', author: 'ann' }] },
  });
  const e = entry(5, 8, { name: 'Sent' });
  await v.m.openPreview(e);
  assert.equal(v.m.preview.rev, 8);
  assert.equal(v.m.preview.name, 'Sent');
  assert.deepEqual(v.m.preview.ops, [
    { insert: 'Hello ' },
    { insert: 'world', attributes: { strike: true, color: colorOf('bob') } },
    { insert: 'there', attributes: { background: tint(colorOf('ann')) } },
    { insert: '\n' },
  ]);
  await v.m.step(-1);
  assert.equal(v.m.preview.rev, 7);
  assert.equal(v.m.preview.name, null, 'a revision inside an entry has no name');
  await v.m.step(+1);
  await v.m.step(+1);
  assert.equal(v.m.preview.rev, 8, 'stepping stays within the entry');
  v.m.closePreview();
  assert.equal(v.m.preview, null);
});

test('the first entry previews against the empty document of revision 0', async () => {
  const v = model({
    'GET /api/docs/d1/revisions/0': { rev: 0, content: [{ insert: '\n' }] },
    'GET /api/docs/d1/diff?from=0&to=3': { from: 0, to: 3, ops: [{ insert: 'abc', author: 'ann' }] },
  });
  await v.m.openPreview(entry(1, 3));
  assert.deepEqual(v.m.preview.ops, [{ insert: 'abc', attributes: MARKS.inserted('ann') }, { insert: '\n' }]);
});

test('a preview that fails closes and says why; one superseded by another is dropped', async () => {
  const v = model({ 'GET /api/docs/d1/revisions/0': new HttpError(403), 'GET /api/docs/d1/diff?from=0&to=1': { ops: [] } });
  await v.m.openPreview(entry(1, 1));
  assert.equal(v.m.preview, null);
  assert.deepEqual(v.told, [failureMessage({ status: 403 })]);

  let release;
  const w = model({
    'GET /api/docs/d1/revisions/0': () => new Promise((r) => { release = () => r({ content: [{ insert: 'old\n' }] }); }),
    'GET /api/docs/d1/diff?from=0&to=2': { ops: [] },
    'GET /api/docs/d1/revisions/2': { content: [{ insert: 'new\n' }] },
    'GET /api/docs/d1/diff?from=2&to=3': { ops: [] },
  });
  const slow = w.m.openPreview(entry(1, 2));
  await w.m.openPreview(entry(3, 3));
  release();
  await slow;
  assert.equal(w.m.preview.rev, 3);
  assert.deepEqual(w.m.preview.ops, [{ insert: 'new\n' }]);
});

test('naming, renaming and removing the name of the previewed revision, then the list again', async () => {
  const names = [];
  const v = model({
    'GET /api/docs/d1/revisions/4': { content: [{ insert: '\n' }] },
    'GET /api/docs/d1/diff?from=4&to=8': { ops: [] },
    'PUT /api/docs/d1/versions/8': (body) => { names.push(body.name); return { rev: 8, name: body.name }; },
    'DELETE /api/docs/d1/versions/8': null,
    'GET /api/docs/d1/history?limit=2': { entries: [entry(5, 8)], more: false },
  });
  await v.m.openPreview(entry(5, 8));
  assert.equal(await v.m.name('   '), false);
  assert.deepEqual(v.told, ['A version name cannot be empty.']);
  assert.equal(await v.m.name('  Sent to legal '), true);
  assert.equal(v.m.preview.name, 'Sent to legal');
  assert.equal(await v.m.name('Final'), true);
  assert.deepEqual(names, ['Sent to legal', 'Final']);
  await v.m.removeName();
  assert.equal(v.m.preview.name, null);
  assert.ok(v.calls.includes('DELETE /api/docs/d1/versions/8'));
  assert.equal(v.calls.filter((c) => c === 'GET /api/docs/d1/history?limit=2').length, 3, 'the list after each change');
});

test('a name the server refuses is said so', async () => {
  const v = model({
    'GET /api/docs/d1/revisions/0': { content: [{ insert: '\n' }] },
    'GET /api/docs/d1/diff?from=0&to=1': { ops: [] },
    'PUT /api/docs/d1/versions/1': new HttpError(400),
  });
  await v.m.openPreview(entry(1, 1));
  assert.equal(await v.m.name('x'.repeat(101)), false);
  assert.match(v.told[0], /1 to 100/);
});

test('restore asks first, posts the previewed revision, closes the preview and lists again', async () => {
  const posted = [];
  const v = model({
    'GET /api/docs/d1/revisions/4': { content: [{ insert: '\n' }] },
    'GET /api/docs/d1/diff?from=4&to=6': { ops: [] },
    'POST /api/docs/d1/restore': (body) => { posted.push(body); return posted.length === 1 ? { rev: 13 } : { rev: 13, unchanged: true }; },
    'GET /api/docs/d1/history?limit=2': { entries: [entry(13, 13), entry(9, 12)], more: true },
  });
  await v.m.openPreview(entry(5, 8), 6);
  assert.equal(await v.m.restore(), null, 'not without asking');
  v.m.askRestore();
  assert.equal(v.m.confirmingRestore, true);
  v.m.cancelRestore();
  assert.equal(await v.m.restore(), null);
  v.m.askRestore();
  assert.deepEqual(await v.m.restore(), { rev: 13 });
  assert.deepEqual(posted, [{ rev: 6 }]);
  assert.equal(v.m.preview, null);
  assert.deepEqual(v.m.entries.map((e) => e.toRev), [13, 12]);
  assert.deepEqual(v.told, ['Version restored.']);
  assert.deepEqual(v.kinds, ['info'], 'a success is not shown as an error');

  await v.m.openPreview(entry(5, 8), 6);
  v.m.askRestore();
  await v.m.restore();
  assert.equal(v.told[1], 'The document already is this version.');
});

test('a refused restore keeps the preview and says why', async () => {
  const v = model({
    'GET /api/docs/d1/revisions/0': { content: [{ insert: '\n' }] },
    'GET /api/docs/d1/diff?from=0&to=1': { ops: [] },
    'POST /api/docs/d1/restore': new HttpError(403),
  });
  await v.m.openPreview(entry(1, 1));
  v.m.askRestore();
  assert.equal(await v.m.restore(), null);
  assert.equal(v.m.preview.rev, 1);
  assert.deepEqual(v.told, [failureMessage({ status: 403 })]);
});

test('a restore\'s entry says what it restored: the named version, else the revision and its time', async () => {
  const time = (ts) => 't' + ts;
  const v = model({
    'GET /api/docs/d1/history?limit=5': { entries: [
      entry(9, 9, { restoredFrom: 7 }), entry(8, 8, { restoredFrom: 4 }), entry(7, 7, { restoredFrom: 2 }),
      entry(5, 6, { restoredFrom: undefined }), entry(3, 4, { name: 'Sent to legal' }), entry(1, 2)], more: false },
  }, 5);
  await v.m.reload();
  const labels = v.m.entries.map((e) => v.m.restoredLabel(e, time));
  assert.deepEqual(labels, ['Restored from revision 7 (t7000)', 'Restored from “Sent to legal”',
    'Restored from revision 2 (t2000)', null, null, null]);
  assert.equal(restoredLabel(entry(4, 4, { restoredFrom: 0 }), []), 'Restored from the empty document');
  assert.equal(restoredLabel(entry(4, 4, { restoredFrom: 2 }), [], time), 'Restored from revision 2', 'an unloaded revision: no time');
  assert.equal(restoredLabel(entry(4, 4, { restoredFrom: 1 }), [entry(1, 3)], time), 'Restored from revision 1 (t1000)',
    'an entry\'s first revision: its start time');
  assert.equal(restoredLabel(entry(4, 4, { restoredFrom: 2 }), [entry(1, 3)], time), 'Restored from revision 2',
    'inside an entry: its time is not known');
});
