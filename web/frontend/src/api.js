// The JSON API: same-origin fetch with the cookies; one refresh-and-retry on 401, serialised with
// the other tabs of this browser (session-refresh.js).
import { createRefresher } from './session-refresh.js';
import { UNAUTHENTICATED } from './codes.js';
import { apiHeaders } from './share-links.js';

/** How long a refresh request may take before it counts as failed (and frees the other tabs). */
const REFRESH_TIMEOUT_MS = 15000;

export class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

async function raw(method, path, body) {
  // a share link's token rides along with every call about its document (share-links.js)
  const init = { method, credentials: 'same-origin', headers: { 'X-Requested-With': 'verso', ...apiHeaders(path) },
    cache: 'no-store' };
  if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  return fetch(path, init);
}

function storageOrNull() {
  try {
    return window.localStorage;
  } catch (e) {
    return null; // storage disabled
  }
}

const refresher = createRefresher({
  post: () => {
    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(), REFRESH_TIMEOUT_MS);
    return fetch('/api/auth/refresh', { method: 'POST', credentials: 'same-origin', cache: 'no-store',
      headers: { 'X-Requested-With': 'verso' }, signal: abort.signal })
      .then((r) => r.ok)
      .finally(() => clearTimeout(timer));
  },
  locks: (navigator && navigator.locks) || null,
  storage: storageOrNull(),
});

/**
 * Rotates the refresh cookie and gets a new access cookie; false when the session is gone. `since`:
 * when this tab's cookies last failed (a 401's request was sent), so that a refresh another tab made
 * after that moment is taken instead of refreshing again.
 */
export function refresh(since = Date.now()) {
  return refresher(since);
}

export async function api(method, path, body) {
  const sentAt = Date.now();
  let res = await raw(method, path, body);
  if (res.status === UNAUTHENTICATED && !path.startsWith('/api/auth/') && (await refresh(sentAt))) {
    res = await raw(method, path, body);
  }
  const text = await res.text();
  const json = text ? JSON.parse(text) : null;
  if (!res.ok) {
    const e = (json && json.error) || {};
    throw new ApiError(res.status, e.code || String(res.status), e.message || res.statusText);
  }
  return json;
}
