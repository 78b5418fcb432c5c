import { test } from 'node:test';
import assert from 'node:assert/strict';
import Delta from 'quill-delta';
import { OtClient } from '../src/ot-client.js';
import { Recovery, eventsBetween } from '../src/recovery.js';

const op = (rev, text, clientId = 'someone-else-0000', seq = rev) => ({ type: 'op', rev, ops: [{ insert: text }], clientId, seq });

/** Catch-up pages of `size` events over a log, as DocSession.pages gives them. */
function pagesOf(log, size = 2) {
  return async function* pages(fromRev) {
    for (let at = fromRev; at < log.length; at += size) yield log.slice(at, at + size);
  };
}

/** A journal holding one gone page's entry (or none); records what the recovery does with it. */
function journalWith(state) {
  const j = { takenOver: null, saved: [], released: 0 };
  j.claimOrphan = async () => (state === null ? null : { state, key: 'k', release: () => { j.released++; } });
  j.takeOver = (claimed) => { j.takenOver = claimed.key; };
  j.save = (s) => j.saved.push(s);
  return j;
}

/** An idle editor at the end of log: its OT client (submits recorded) and what it shows. */
function editorAt(log) {
  const e = { submits: [], shown: [] };
  e.ot = new OtClient({ submit: (m) => { e.submits.push(m); return new Promise(() => {}); }, apply: () => {}, changed: () => {},
    failed: () => {} }, 'this-page-client-1');
  e.ot.reset(log.length);
  e.ot.setOnline(true);
  return e;
}

function recovery(journal, e, log, { writable = true } = {}) {
  return new Recovery({ journal, ot: e.ot, pages: pagesOf(log), show: (change) => e.shown.push(change.ops),
    writable: () => writable, ready: () => true });
}

const gonePage = (rev, ops) => ({ clientId: 'gone-page-client-1', rev, seq: 1, inflight: { seq: 1, ops }, buffer: null });

test('eventsBetween: the events in (from, to] over several pages, none when there is nothing between', async () => {
  const log = [op(1, 'a'), op(2, 'b'), op(3, 'c'), op(4, 'd'), op(5, 'e')];
  assert.deepEqual((await eventsBetween(pagesOf(log), 1, 4)).map((e) => e.rev), [2, 3, 4]);
  assert.deepEqual(await eventsBetween(pagesOf(log), 4, 4), []);
  await assert.rejects(eventsBetween(pagesOf(log.slice(0, 3)), 1, 5), /ops 3\.\.5 could not be fetched/);
});

test('a gone page\'s edit is rebased over what was committed since, shown, and sent under its own client id', async () => {
  const log = [op(1, 'a'), op(2, 'b'), op(3, 'c')];
  const e = editorAt(log);
  const journal = journalWith(gonePage(1, [{ retain: 1 }, { insert: 'X' }]));
  await recovery(journal, e, log).run();
  assert.equal(journal.takenOver, 'k');
  assert.equal(journal.released, 0, 'the claimed entry\'s lock is the editor\'s now');
  assert.deepEqual(e.shown, [[{ retain: 3 }, { insert: 'X' }]], 'moved over b and c, inserted at the front');
  assert.deepEqual(e.submits, [{ clientId: 'gone-page-client-1', seq: 1, baseRev: 3, ops: [{ retain: 3 }, { insert: 'X' }] }]);
});

test('an edit the server had already committed is not sent again', async () => {
  const log = [op(1, 'a'), op(2, 'X', 'gone-page-client-1', 1)];
  const e = editorAt(log);
  const journal = journalWith(gonePage(1, [{ retain: 1 }, { insert: 'X' }]));
  await recovery(journal, e, log).run();
  assert.equal(journal.takenOver, 'k');
  assert.deepEqual(journal.saved, [null]);
  assert.deepEqual([e.shown, e.submits], [[], []]);
});

test('an editor that may not edit, or has edits of its own, leaves the entry for later', async () => {
  const log = [op(1, 'a')];
  const readOnly = editorAt(log);
  const j1 = journalWith(gonePage(1, [{ insert: 'X' }]));
  await recovery(j1, readOnly, log, { writable: false }).run();
  assert.deepEqual([j1.takenOver, readOnly.submits.length], [null, 0]);

  const busy = editorAt(log);
  busy.ot.local(new Delta().insert('mine'));
  const j2 = journalWith(gonePage(1, [{ insert: 'X' }]));
  await recovery(j2, busy, log).run();
  assert.equal(j2.takenOver, null);
  assert.deepEqual(busy.submits.map((m) => m.clientId), ['this-page-client-1']);
});

test('an entry that cannot be rebased (its ops are not there) is released, not taken over', async () => {
  const log = [op(1, 'a'), op(2, 'b')];
  const e = editorAt(log);
  const journal = journalWith(gonePage(1, [{ insert: 'X' }]));
  const r = new Recovery({ journal, ot: e.ot, pages: pagesOf(log.slice(0, 1)), show: () => {}, writable: () => true,
    ready: () => true });
  const warn = console.warn;
  console.warn = () => {};
  try {
    await r.run();
  } finally {
    console.warn = warn;
  }
  assert.deepEqual([journal.takenOver, journal.released, e.submits.length], [null, 1, 0]);
});

test('a stopped recovery adopts nothing', async () => {
  const log = [op(1, 'a')];
  const e = editorAt(log);
  const journal = journalWith(gonePage(1, [{ insert: 'X' }]));
  const r = recovery(journal, e, log);
  r.stop();
  await r.run();
  assert.deepEqual([journal.takenOver, e.submits.length], [null, 0]);
});
