// One session refresh at a time per browser. The tabs of a user share one cookie jar, so two tabs
// refreshing at once present the same refresh token twice, and the server takes the second
// presentation for a stolen token: it revokes the session and signs every tab out (its grace window
// forgives this only for a few seconds). So a refresh runs under a lock shared by all tabs (Web
// Locks; a localStorage lease where they are missing) and, once it holds the lock, first looks
// whether another tab refreshed after this tab's request failed: then the cookies are new already
// and there is nothing to do but retry.
export const LOCK_NAME = 'verso.auth.refresh';
export const STAMP_KEY = 'verso.auth.refreshedAt';
export const LEASE_KEY = 'verso.auth.refreshLease';

/**
 * A refresh function for this tab: refresh(since) → Promise<boolean>, false when the session is
 * gone. `since` is when this tab last used its cookies (e.g. when the request that got a 401 was
 * sent): a refresh another tab completed after it makes this one unnecessary.
 *
 * Injected: post() performs POST /api/auth/refresh → Promise<boolean>; locks (navigator.locks or
 * null); storage (localStorage or null); now(); sleep(ms); random(). leaseMs bounds how long a tab
 * that died holding the fallback lease blocks the others.
 */
export function createRefresher({ post, locks = null, storage = null, now = Date.now,
  sleep = (ms) => new Promise((r) => setTimeout(r, ms)), random = Math.random, leaseMs = 20000 }) {
  let running = null; // this tab's refresh in flight: concurrent callers share it

  const stamp = () => {
    try {
      return Number(storage.getItem(STAMP_KEY)) || 0;
    } catch (e) {
      return 0;
    }
  };

  async function refreshUnderLock(since) {
    if (storage && stamp() > since) return true; // another tab refreshed meanwhile
    const ok = await post();
    if (ok && storage) {
      try {
        storage.setItem(STAMP_KEY, String(now()));
      } catch (e) {
        // storage full or gone: the other tabs just refresh once more, one after the other
      }
    }
    return ok;
  }

  function exclusive(fn) {
    if (locks && typeof locks.request === 'function') return locks.request(LOCK_NAME, fn);
    if (storage) return withLease(storage, fn, { now, sleep, random, leaseMs });
    return fn(); // nothing shared between tabs here: at least one refresh at a time in this tab
  }

  return function refresh(since = now()) {
    if (!running) {
      running = Promise.resolve()
        .then(() => exclusive(() => refreshUnderLock(since)))
        .catch(() => false)
        .finally(() => { running = null; });
    }
    return running;
  };
}

function readLease(storage) {
  try {
    const l = JSON.parse(storage.getItem(LEASE_KEY));
    return l && typeof l.owner === 'string' && typeof l.until === 'number' ? l : null;
  } catch (e) {
    return null;
  }
}

/**
 * Best-effort mutual exclusion through localStorage for browsers without Web Locks: write a lease,
 * let a concurrent writer's write land, and go ahead only if the lease is still ours. A lease left by
 * a tab that died expires after leaseMs.
 */
export async function withLease(storage, fn, { now = Date.now, sleep, random = Math.random, leaseMs = 20000,
  settleMs = 100, pollMs = 50 } = {}) {
  const me = now().toString(36) + '-' + random().toString(36).slice(2);
  const deadline = now() + 2 * leaseMs;
  for (;;) {
    const held = readLease(storage);
    if (!held || held.until < now()) {
      try {
        storage.setItem(LEASE_KEY, JSON.stringify({ owner: me, until: now() + leaseMs }));
      } catch (e) {
        return fn(); // storage refuses writes: no lease possible
      }
      await sleep(settleMs);
      const after = readLease(storage);
      if (after && after.owner === me) break;
    }
    if (now() > deadline) return fn(); // never wait forever on a broken lease
    await sleep(pollMs + random() * pollMs);
  }
  try {
    return await fn();
  } finally {
    const held = readLease(storage);
    if (held && held.owner === me) storage.removeItem(LEASE_KEY);
  }
}
