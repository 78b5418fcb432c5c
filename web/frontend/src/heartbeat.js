// Whether the bridge socket still carries anything. A socket can stall without closing (Wi-Fi gone,
// a NAT or proxy dropping the flow): TCP keeps it "open" for minutes, requests wait, and the page
// would say "Saving…" all along. The bridge answers every ping with a pong, so a ping after which
// no frame at all arrives within the reply timeout means the socket is dead. No DOM: the socket's
// ping and the timers are injected (test/heartbeat.test.mjs).

/** The server closes a socket that sent nothing for 60 s (bridge.idleTimeoutMs): a ping every 5 s. */
export const PING_INTERVAL_MS = 5000;
/** A stalled socket is given up 4–9 s after its last frame: well above a pong's round trip, even loaded. */
export const REPLY_TIMEOUT_MS = 4000;

export class Heartbeat {
  /**
   * @param {object} io
   *   io.ping()   sends one ping
   *   io.dead()   nothing arrived within the reply timeout after a ping (called once)
   * @param {{intervalMs?: number, replyTimeoutMs?: number, timers?: object}} options intervalMs 0: no pings at all
   */
  constructor(io, { intervalMs = PING_INTERVAL_MS, replyTimeoutMs = REPLY_TIMEOUT_MS, timers = globalThis } = {}) {
    this.io = io;
    this.intervalMs = intervalMs;
    this.replyTimeoutMs = replyTimeoutMs;
    this.timers = timers;
    this.interval = null;
    this.deadline = null; // armed by a ping, disarmed by any frame
  }

  /** A ping at once, then every interval. */
  start() {
    if (this.intervalMs <= 0) return;
    this.beat();
    this.interval = this.timers.setInterval(() => this.beat(), this.intervalMs);
  }

  beat() {
    this.io.ping();
    if (this.deadline !== null || this.replyTimeoutMs <= 0) return;
    this.deadline = this.timers.setTimeout(() => {
      this.deadline = null;
      this.stop();
      this.io.dead();
    }, this.replyTimeoutMs);
  }

  /** A frame arrived: the socket is alive. */
  received() {
    if (this.deadline === null) return;
    this.timers.clearTimeout(this.deadline);
    this.deadline = null;
  }

  stop() {
    if (this.interval !== null) this.timers.clearInterval(this.interval);
    if (this.deadline !== null) this.timers.clearTimeout(this.deadline);
    this.interval = null;
    this.deadline = null;
  }
}
