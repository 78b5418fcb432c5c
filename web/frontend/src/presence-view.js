// Who else is here, and where: this page's selection out to presence (throttled, latest wins; a
// heartbeat), everyone else's cursor (quill-cursors) and chip in, and the presence list merged in on
// every (re)connect. The page appears in presence under an id of its own, random per page and never
// the OT client id: the server binds a client id to the first user who submits under it, so an id
// shown to every member before its first submit could be taken by one of them. No DOM of its own:
// the connection, Quill, the cursors module and the chips are injected (test/presence-view.test.mjs).
import { mergePresenceList } from './presence-list.js';
import { presenceAddress, presenceEvents } from './addresses.js';
import { RegistrationRetry } from './retry.js';
import { NameFlags } from './name-flags.js';

/** A colour as presence gives it (#rgb or #rrggbb); anything else is not put into a style. */
const COLOR = /^#[0-9a-fA-F]{3}([0-9a-fA-F]{3})?$/;
export const SELECTION_EVERY_MS = 100;
export const HEARTBEAT_MS = 20000;

export class PresenceView {
  /**
   * @param {object} io
   *   io.conn      send(address, body), request(address, body) → Promise, register, reregister, connected()
   *   io.quill     getLength(), getSelection(), on(event, handler)
   *   io.cursors   the quill-cursors module: createCursor, moveCursor, removeCursor, toggleFlag
   *   io.render(present)   shows the chips of present (client id → {userId, name, color})
   *   io.ot        rev and transformIndex(index, rev) of the editor's OT client
   *   io.ready() → bool    the document is open
   * @param {string} docId
   * @param {string} presenceId this page's id in presence (not the OT client id)
   */
  constructor(io, docId, presenceId, timers = globalThis) {
    this.io = io;
    this.address = presenceAddress(docId);
    this.events = presenceEvents(docId);
    this.presenceId = presenceId;
    this.timers = timers;
    this.present = new Map(); // client id → {userId, name, color} of everyone else here
    this.listening = new Set(); // client ids heard from live while a list answer is on its way, one set per list
    this.lastRange = null;
    this.sendTimer = null;
    this.heartbeat = null;
    this.retry = new RegistrationRetry(this.events, (a) => io.conn.reregister(a), timers);
    this.flags = new NameFlags(io.cursors, timers);
  }

  /** Registers for the presence events, follows this page's selection, and beats. */
  start() {
    const { conn, quill } = this.io;
    conn.register(this.events, (err, msg) => this.onEvent(err, msg));
    quill.on('selection-change', (range) => this.select(range));
    quill.on('text-change', (d, o, source) => { if (source === 'user') this.select(quill.getSelection()); });
    this.heartbeat = this.timers.setInterval(() => {
      if (conn.connected()) conn.send(this.address, { action: 'heartbeat', clientId: this.presenceId });
    }, HEARTBEAT_MS);
  }

  stop() {
    this.timers.clearInterval(this.heartbeat);
    this.timers.clearTimeout(this.sendTimer);
    this.retry.stop();
    this.flags.stop();
  }

  /** Caught up on a (re)opened connection: who is here now, and where we are. */
  synced() {
    this.list();
    this.send();
  }

  select(range) {
    this.lastRange = range;
    this.send();
  }

  /** Sends this page's selection within 100 ms, the latest one then. */
  send() {
    if (this.sendTimer) return;
    this.sendTimer = this.timers.setTimeout(() => {
      this.sendTimer = null;
      if (!this.io.conn.connected() || !this.io.ready()) return;
      const r = this.lastRange;
      this.io.conn.send(this.address, { action: 'update', clientId: this.presenceId, rev: this.io.ot.rev,
        selection: r ? { index: r.index, length: r.length } : null });
    }, SELECTION_EVERY_MS);
  }

  onEvent(err, msg) {
    if (err) {
      this.retry.failed(err, () => this.list());
      return;
    }
    this.retry.succeeded();
    if (msg.body) this.listening.forEach((heard) => heard.add(msg.body.clientId));
    this.show(msg.body);
  }

  /** One presence or leave event of another page: its cursor, and the chips when someone arrives, leaves or changes. */
  show(p) {
    if (!p || p.clientId === this.presenceId) return;
    const { cursors } = this.io;
    if (p.type === 'leave') {
      cursors.removeCursor(p.clientId);
      this.flags.removed(p.clientId);
      this.present.delete(p.clientId);
      this.io.render(this.present);
      return;
    }
    const name = p.name || 'someone';
    const color = COLOR.test(p.color || '') ? p.color : '#888';
    cursors.createCursor(p.clientId, name, color);
    const was = this.present.get(p.clientId);
    if (!was || was.userId !== p.userId || was.name !== name || was.color !== color) {
      this.present.set(p.clientId, { userId: p.userId, name, color });
      this.io.render(this.present); // only when someone arrives or changes, not on every cursor move
    }
    if (p.selection) this.moveCursor(p);
  }

  /** A selection taken at revision p.rev, moved to where it is in this editor now. */
  moveCursor(p) {
    const { ot, quill, cursors } = this.io;
    const len = quill.getLength();
    const rev = typeof p.rev === 'number' ? p.rev : ot.rev;
    const start = Math.min(ot.transformIndex(p.selection.index, rev), len - 1);
    const end = Math.min(ot.transformIndex(p.selection.index + p.selection.length, rev), len - 1);
    cursors.moveCursor(p.clientId, { index: start, length: Math.max(0, end - start) });
    this.flags.active(p.clientId); // the name while they type or move, then only the caret
  }

  /** Everyone here now: a leave missed while disconnected must not leave a ghost; what was heard meanwhile is newer. */
  async list() {
    const heard = new Set();
    this.listening.add(heard);
    try {
      const reply = await this.io.conn.request(this.address, { action: 'list' });
      const { leave, show } = mergePresenceList(this.present.keys(), reply.clients || [], heard);
      leave.forEach((id) => this.show({ type: 'leave', clientId: id }));
      show.forEach((p) => this.show(p));
    } catch (e) {
      // presence is best effort
    } finally {
      this.listening.delete(heard);
    }
  }
}
