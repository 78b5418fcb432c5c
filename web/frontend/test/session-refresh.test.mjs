import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRefresher, withLease, STAMP_KEY, LEASE_KEY } from '../src/session-refresh.js';
import { browser } from './fake-browser.mjs';

// The server's refresh rotation as Verso's storage does it without a grace window: presenting a
// token that was already rotated revokes the session. The jar is shared by every tab.
function server() {
  const s = { current: 1, used: new Set(), revoked: false, posts: 0, jar: 1 };
  s.post = async () => {
    s.posts++;
    const presented = s.jar; // the cookie the request carries, read when it is sent
    await new Promise((r) => setTimeout(r, 5)); // on the wire
    if (s.revoked || s.used.has(presented)) {
      s.revoked = true;
      return false;
    }
    s.used.add(presented);
    s.current = presented + 1;
    s.jar = s.current; // Set-Cookie lands in the jar before the fetch resolves
    return true;
  };
  return s;
}

let clock = 1000;
const now = () => clock;
const sleep = (ms) => new Promise((r) => setTimeout(r, Math.min(ms, 5)));

test('two tabs refreshing at the same moment: one refresh, both signed in', async () => {
  const env = browser();
  const srv = server();
  const tab = () => createRefresher({ post: srv.post, locks: env.locks, storage: env.localStorage, now, sleep });
  const a = tab();
  const b = tab();
  clock = 2000;
  const since = 1500; // both sent a request at 1500 that came back 401
  const [ra, rb] = await Promise.all([a(since), b(since)]);
  assert.equal(ra, true);
  assert.equal(rb, true);
  assert.equal(srv.posts, 1, 'the second tab saw the first one refresh meanwhile');
  assert.equal(srv.revoked, false);
  assert.equal(env.items.get(STAMP_KEY), '2000');
});

test('without the lock the same race revokes the session (what the lock prevents)', async () => {
  const srv = server();
  const a = createRefresher({ post: srv.post, now, sleep });
  const b = createRefresher({ post: srv.post, now, sleep });
  await Promise.all([a(1500), b(1500)]);
  assert.equal(srv.revoked, true);
});

test('a refresh whose need came after the last one does refresh, one tab after the other', async () => {
  const env = browser();
  const srv = server();
  const a = createRefresher({ post: srv.post, locks: env.locks, storage: env.localStorage, now, sleep });
  const b = createRefresher({ post: srv.post, locks: env.locks, storage: env.localStorage, now, sleep });
  clock = 3000;
  assert.equal(await a(2900), true);
  clock = 4000;
  assert.equal(await b(3500), true, 'B failed at 3500, after A refreshed at 3000: its own refresh');
  assert.equal(srv.posts, 2);
  assert.equal(srv.revoked, false);
});

test('calls within one tab share the refresh in flight', async () => {
  const srv = server();
  const a = createRefresher({ post: srv.post, now, sleep });
  const results = await Promise.all([a(1), a(2), a(3)]);
  assert.deepEqual(results, [true, true, true]);
  assert.equal(srv.posts, 1);
  assert.equal(await a(4), true, 'the next one after it is a new refresh');
  assert.equal(srv.posts, 2);
});

test('a failed refresh stamps nothing: the next tab tries itself and learns the session is gone', async () => {
  const env = browser();
  let posts = 0;
  const gone = async () => { posts++; return false; };
  const a = createRefresher({ post: gone, locks: env.locks, storage: env.localStorage, now, sleep });
  const b = createRefresher({ post: gone, locks: env.locks, storage: env.localStorage, now, sleep });
  assert.deepEqual(await Promise.all([a(10), b(10)]), [false, false]);
  assert.equal(posts, 2);
  assert.equal(env.items.has(STAMP_KEY), false);
});

test('a post that throws is a failed refresh and releases the lock', async () => {
  const env = browser();
  const a = createRefresher({ post: async () => { throw new Error('network'); }, locks: env.locks,
    storage: env.localStorage, now, sleep });
  assert.equal(await a(1), false);
  const srv = server();
  const b = createRefresher({ post: srv.post, locks: env.locks, storage: env.localStorage, now, sleep });
  assert.equal(await b(1), true);
});

test('without Web Locks a localStorage lease serialises the tabs', async () => {
  const env = browser();
  const srv = server();
  let id = 0;
  const tab = () => createRefresher({ post: srv.post, locks: null, storage: env.localStorage, now,
    sleep, random: () => (++id) / 1000 });
  const tabs = [tab(), tab(), tab()];
  clock = 5000;
  const results = await Promise.all(tabs.map((t) => t(4000)));
  assert.deepEqual(results, [true, true, true]);
  assert.equal(srv.posts, 1);
  assert.equal(srv.revoked, false);
  assert.equal(env.items.has(LEASE_KEY), false, 'the lease is given back');
});

test('a lease left by a dead tab expires', async () => {
  const env = browser();
  env.localStorage.setItem(LEASE_KEY, JSON.stringify({ owner: 'dead-tab', until: 100 }));
  clock = 200;
  let ran = false;
  await withLease(env.localStorage, async () => { ran = true; }, { now, sleep, leaseMs: 50 });
  assert.equal(ran, true);
  env.localStorage.setItem(LEASE_KEY, 'garbage');
  ran = false;
  await withLease(env.localStorage, async () => { ran = true; }, { now, sleep, leaseMs: 50 });
  assert.equal(ran, true, 'an unreadable lease is none');
});

test('storage that refuses access still lets the tab refresh', async () => {
  const srv = server();
  const broken = {
    getItem() { throw new Error('denied'); },
    setItem() { throw new Error('denied'); },
    removeItem() { throw new Error('denied'); },
  };
  const a = createRefresher({ post: srv.post, locks: null, storage: broken, now, sleep });
  assert.equal(await a(1), true);
});
