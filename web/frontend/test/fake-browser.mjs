// One browser profile as its tabs share it: localStorage and navigator.locks (Web Locks: one holder
// per name, the others queued in order; a free lock's callback runs at once, within request();
// ifAvailable answers null when held). `items` is the storage's content, for tests to look into
// and to plant entries in.
export function browser() {
  const items = new Map();
  const localStorage = {
    get length() { return items.size; },
    key: (i) => [...items.keys()][i] ?? null,
    getItem: (k) => (items.has(k) ? items.get(k) : null),
    setItem: (k, v) => { items.set(k, String(v)); },
    removeItem: (k) => { items.delete(k); },
  };
  const held = new Set();
  const waiting = new Map();
  const locks = {
    request(name, options, callback) {
      if (typeof options === 'function') {
        callback = options;
        options = {};
      }
      const grant = () => {
        held.add(name);
        return Promise.resolve(callback({ name })).finally(() => {
          held.delete(name);
          const next = (waiting.get(name) || []).shift();
          if (next) next();
        });
      };
      if (!held.has(name)) return grant();
      if (options.ifAvailable) return Promise.resolve(callback(null));
      return new Promise((resolve, reject) => {
        waiting.set(name, [...(waiting.get(name) || []), () => grant().then(resolve, reject)]);
      });
    },
  };
  return { localStorage, locks, navigator: { locks }, items };
}
