// The JSON API: same-origin fetch with the cookies; one refresh-and-retry on 401.
let refreshing = null;

export class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

async function raw(method, path, body) {
  const init = { method, credentials: 'same-origin', headers: { 'X-Requested-With': 'verso' }, cache: 'no-store' };
  if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  return fetch(path, init);
}

/** Rotates the refresh cookie and gets a new access cookie; false when the session is gone. */
export function refresh() {
  if (!refreshing) {
    refreshing = raw('POST', '/api/auth/refresh')
      .then((r) => r.ok)
      .catch(() => false)
      .finally(() => { refreshing = null; });
  }
  return refreshing;
}

export async function api(method, path, body) {
  let res = await raw(method, path, body);
  if (res.status === 401 && !path.startsWith('/api/auth/') && (await refresh())) {
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
