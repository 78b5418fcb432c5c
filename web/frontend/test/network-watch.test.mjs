import { test } from 'node:test';
import assert from 'node:assert/strict';
import { watchNetwork } from '../src/network-watch.js';

test('offline closes the connection, online reconnects it, and nothing after stopping', () => {
  const target = new EventTarget();
  const calls = [];
  const stop = watchNetwork(target, { goOffline: () => calls.push('offline'), goOnline: () => calls.push('online') });
  target.dispatchEvent(new Event('offline'));
  target.dispatchEvent(new Event('online'));
  stop();
  target.dispatchEvent(new Event('offline'));
  assert.deepEqual(calls, ['offline', 'online']);
});
