// A registration the bridge failed for a passing reason is made again, backing off from 250 ms to
// 5 s, then what was missed meanwhile is fetched; without it the tab would see nothing on that
// address until it reconnects. One per address and editor: the backoff of one page's registration
// never delays another's.
import { RATE_LIMITED, INTERNAL, UNAVAILABLE } from './codes.js';

/** Failure codes of a registration worth another try: rate limited, unavailable (a lookup timed out). */
export const RETRY_REGISTRATION = new Set([RATE_LIMITED, INTERNAL, UNAVAILABLE]);
export const FIRST_RETRY_MS = 250;
export const MAX_RETRY_MS = 5000;

export class RegistrationRetry {
  /**
   * @param {string} address the registration's address
   * @param {Function} reregister (address) registers it again (Connection.reregister)
   * @param {object} timers setTimeout/clearTimeout (injected for the tests)
   */
  constructor(address, reregister, timers = globalThis) {
    this.address = address;
    this.reregister = reregister;
    this.timers = timers;
    this.waitMs = FIRST_RETRY_MS;
    this.timer = null;
  }

  /** The registration failed (err.failureCode); when worth it, it is made again later and then afterwards() runs. */
  failed(err, afterwards) {
    if (!err || !RETRY_REGISTRATION.has(err.failureCode)) return false;
    const wait = this.waitMs;
    this.waitMs = Math.min(MAX_RETRY_MS, this.waitMs * 2);
    this.timers.clearTimeout(this.timer);
    this.timer = this.timers.setTimeout(() => {
      this.timer = null;
      this.reregister(this.address);
      afterwards();
    }, wait);
    return true;
  }

  /** A message arrived on the address: the registration works, the next failure starts the backoff again. */
  succeeded() {
    this.waitMs = FIRST_RETRY_MS;
  }

  stop() {
    this.timers.clearTimeout(this.timer);
    this.timer = null;
  }
}
