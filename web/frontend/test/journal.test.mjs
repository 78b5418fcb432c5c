import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Journal } from '../src/journal.js';
import { browser } from './fake-browser.mjs';

const tick = () => new Promise((r) => setTimeout(r, 0));
const pending = (clientId, rev) => ({ clientId, rev, seq: 1, inflight: { seq: 1, ops: [{ insert: 'x' }] }, buffer: null });

test('an entry is claimed only once its tab is gone, by one editor, of the same user and document', async () => {
  const env = browser();
  const a = Journal.open('u1', 'd1', 'clientA', env);
  await tick();
  a.save(pending('clientA', 3));
  const b = Journal.open('u1', 'd1', 'clientB', env);
  const other = Journal.open('u2', 'd1', 'clientO', env);
  await tick();
  assert.equal(await b.claimOrphan(), null, 'tab A is alive');

  a.close();
  await tick();
  assert.equal(await other.claimOrphan(), null, 'another user never sees it');
  const claimed = await b.claimOrphan();
  assert.deepEqual(claimed.state.inflight, { seq: 1, ops: [{ insert: 'x' }] });
  assert.equal(claimed.state.rev, 3);
  const c = Journal.open('u1', 'd1', 'clientC', env);
  await tick();
  assert.equal(await c.claimOrphan(), null, 'claimed: its lock is B\'s now');

  b.save(pending('clientB', 5)); // B's own entry, given up when it takes A's over
  b.takeOver(claimed);
  assert.equal(env.items.has('verso.unsaved.u1.d1.clientB'), false);
  b.save(pending('clientA', 7));
  assert.equal(JSON.parse(env.items.get('verso.unsaved.u1.d1.clientA')).rev, 7);
  b.save(null);
  assert.equal(env.items.has('verso.unsaved.u1.d1.clientA'), false, 'nothing pending: nothing kept');
});

test('unreadable entries are dropped, the newest readable one comes first', async () => {
  const env = browser();
  env.items.set('verso.unsaved.u1.d1.broken', '{not json');
  env.items.set('verso.unsaved.u1.d1.empty', JSON.stringify({ clientId: 'e', rev: 1, seq: 1, inflight: null, buffer: null }));
  env.items.set('verso.unsaved.u1.d1.old', JSON.stringify({ ...pending('old', 1), savedAt: 1 }));
  env.items.set('verso.unsaved.u1.d1.new', JSON.stringify({ ...pending('new', 2), savedAt: 2 }));
  env.items.set('verso.unsaved.u1.d2.elsewhere', JSON.stringify({ ...pending('elsewhere', 2), savedAt: 3 }));
  const j = Journal.open('u1', 'd1', 'me', env);
  await tick();
  const first = await j.claimOrphan();
  assert.equal(first.state.clientId, 'new');
  const second = await j.claimOrphan();
  assert.equal(second.state.clientId, 'old');
  assert.equal(await j.claimOrphan(), null);
  assert.equal(env.items.has('verso.unsaved.u1.d1.broken'), false);
  assert.equal(env.items.has('verso.unsaved.u1.d1.empty'), false);
  assert.equal(env.items.has('verso.unsaved.u1.d2.elsewhere'), true);
});

test('no journal where the browser has no Web Locks or no storage', () => {
  assert.equal(Journal.open('u1', 'd1', 'c', { localStorage: browser().localStorage, navigator: {} }), null);
  assert.equal(Journal.open('u1', 'd1', 'c', { navigator: browser().navigator }), null);
});

test('taking over a second entry lets go of the first one\'s lock', async () => {
  const env = browser();
  for (const id of ['gone1', 'gone2']) {
    const j = Journal.open('u1', 'd1', id, env);
    await tick();
    j.save(pending(id, 1));
    j.close();
  }
  await tick();
  const me = Journal.open('u1', 'd1', 'me', env);
  await tick();
  const first = await me.claimOrphan();
  me.takeOver(first);
  me.save(null); // its edits went out
  const second = await me.claimOrphan();
  me.takeOver(second);
  await tick();
  // the first entry's lock is free again: a later editor could claim an entry saved under it
  env.items.set(first.key, JSON.stringify({ ...pending('x', 1), savedAt: 9 }));
  const third = Journal.open('u1', 'd1', 'third', env);
  await tick();
  const claimed = await third.claimOrphan();
  assert.equal(claimed && claimed.key, first.key);
});

test('signing out forgets the user\'s entries; a document gone for the user, that document\'s', () => {
  const keys = ['verso.unsaved.u1.d1.a', 'verso.unsaved.u1.d10.b', 'verso.unsaved.u1.d2.c', 'verso.unsaved.u2.d1.d', 'other'];
  const after = (forget) => {
    const env = browser();
    keys.forEach((k) => env.items.set(k, '{}'));
    forget(env);
    return [...env.items.keys()].sort();
  };
  assert.deepEqual(after((env) => Journal.forget('u1', null, env)), ['other', 'verso.unsaved.u2.d1.d']);
  assert.deepEqual(after((env) => Journal.forget('u1', 'd1', env)),
    ['other', 'verso.unsaved.u1.d10.b', 'verso.unsaved.u1.d2.c', 'verso.unsaved.u2.d1.d']);
});
