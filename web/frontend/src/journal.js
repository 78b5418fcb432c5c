// Edits the server has not acknowledged outlive their tab. Each editor writes its OT client's
// pending state (OtClient.pendingState) to localStorage under a key of its own, and holds a Web
// Lock of the same name for as long as it lives. An entry whose lock is free was left by a tab that
// is gone (closed, crashed, reloaded, navigated away): the next editor of the same user and
// document claims it (the lock makes the claim exclusive), rebases it and sends it under the dead
// tab's client id, so what the server may already have is answered as a duplicate.
const PREFIX = 'verso.unsaved.';

function prefixOf(userId, docId) {
  return PREFIX + userId + '.' + docId + '.';
}

/** The lock, if nobody holds it: resolves with the function that releases it, or null. */
function tryLock(locks, name) {
  return new Promise((resolve) => {
    locks.request(name, { ifAvailable: true }, (lock) => {
      if (!lock) {
        resolve(null);
        return null;
      }
      return new Promise((release) => resolve(release));
    });
  });
}

/** A pending state as journaled, or null when it is not one (old format, hand-edited, truncated). */
function parseEntry(text) {
  let e;
  try {
    e = JSON.parse(text);
  } catch (err) {
    return null;
  }
  const ops = (v) => v === null || (Array.isArray(v) && v.length > 0);
  if (!e || typeof e.clientId !== 'string' || !Number.isInteger(e.rev) || e.rev < 0 || !Number.isInteger(e.seq)
      || !ops(e.buffer) || !(e.inflight === null || (Number.isInteger(e.inflight.seq) && ops(e.inflight.ops)))
      || (e.inflight === null && e.buffer === null)) {
    return null;
  }
  return e;
}

export class Journal {
  /** The journal of a new editor, or null where this browser cannot keep one (no localStorage or no Web Locks). */
  static open(userId, docId, clientId, env = globalThis) {
    let storage = null;
    try {
      storage = env.localStorage;
    } catch (e) {
      // storage disabled
    }
    const locks = env.navigator && env.navigator.locks;
    if (!storage || !locks || !userId) return null;
    return new Journal(storage, locks, prefixOf(userId, docId), clientId);
  }

  /**
   * Signing out (every document), or a document gone for this user (deleted, or access removed:
   * its edits can never be sent): the journaled edits, which hold document text, are dropped.
   */
  static forget(userId, docId = null, env = globalThis) {
    try {
      const storage = env.localStorage;
      const prefix = docId === null ? PREFIX + userId + '.' : prefixOf(userId, docId);
      const keys = [];
      for (let i = 0; i < storage.length; i++) {
        const k = storage.key(i);
        if (k && k.startsWith(prefix)) keys.push(k);
      }
      keys.forEach((k) => storage.removeItem(k));
    } catch (e) {
      // no storage: nothing kept
    }
  }

  constructor(storage, locks, prefix, clientId) {
    this.storage = storage;
    this.locks = locks;
    this.prefix = prefix;
    this.key = prefix + clientId;
    this.ownDone = false; // our own lock is no longer wanted (closed, or a claimed entry taken over)
    this.ownRelease = null;
    this.claimedRelease = null;
    locks.request(this.key, () => (this.ownDone ? null : new Promise((release) => { this.ownRelease = release; })));
  }

  releaseOwn() {
    this.ownDone = true;
    if (this.ownRelease) this.ownRelease();
  }

  /** Records the pending state, or forgets it when nothing is pending (null). Best effort: a full storage is skipped. */
  save(state) {
    try {
      if (state === null) this.storage.removeItem(this.key);
      else this.storage.setItem(this.key, JSON.stringify({ ...state, savedAt: Date.now() }));
    } catch (e) {
      // quota exceeded or storage gone: the beforeunload warning still stands
    }
  }

  /**
   * Claims the newest entry left by a gone tab of this user on this document: {state, key, release}
   * with its lock held, or null. Unreadable entries are removed.
   */
  async claimOrphan() {
    const keys = [];
    for (let i = 0; i < this.storage.length; i++) {
      const k = this.storage.key(i);
      if (k && k.startsWith(this.prefix) && k !== this.key) keys.push(k);
    }
    // Locks first: a live tab's entry (it may hold a large paste) is never read, only the free ones.
    const free = [];
    for (const key of keys) {
      const release = await tryLock(this.locks, key);
      if (!release) continue; // its tab is alive
      const text = this.storage.getItem(key); // read under the lock: nobody else can claim it now
      const state = text === null ? null : parseEntry(text);
      if (state === null) {
        if (text !== null) this.storage.removeItem(key);
        release();
      } else {
        free.push({ state, key, release });
      }
    }
    free.sort((a, b) => (b.state.savedAt || 0) - (a.state.savedAt || 0));
    free.slice(1).forEach((other) => other.release()); // left for a later look
    return free.length > 0 ? free[0] : null;
  }

  /** From now on this journal is the claimed entry's (its client id is this editor's): own entry and lock given up. */
  takeOver(claimed) {
    this.storage.removeItem(this.key);
    this.releaseOwn();
    if (this.claimedRelease) this.claimedRelease(); // an entry taken over before, done with
    this.key = claimed.key;
    this.claimedRelease = claimed.release;
  }

  /** The editor goes: its lock is released, its entry (if edits are pending) stays for the next editor. */
  close() {
    this.releaseOwn();
    if (this.claimedRelease) this.claimedRelease();
  }
}
