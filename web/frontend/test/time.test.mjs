import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ago } from '../src/time.js';

test('ago: from just now to a date', () => {
  const now = Date.UTC(2026, 10, 25, 12, 0, 0);
  assert.equal(ago(now, now), 'just now');
  assert.equal(ago(now + 5000, now), 'just now', 'a clock a little ahead is not in the future');
  assert.equal(ago(now - 59_000, now), 'just now');
  assert.equal(ago(now - 60_000, now), '1 min ago');
  assert.equal(ago(now - 59 * 60_000, now), '59 min ago');
  assert.equal(ago(now - 3 * 3600_000, now), '3 h ago');
  assert.equal(ago(now - 30 * 3600_000, now), '1 day ago');
  assert.equal(ago(now - 6 * 86400_000, now), '6 days ago');
  assert.match(ago(now - 8 * 86400_000, now), /^on /);
});
