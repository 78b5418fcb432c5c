import { test } from 'node:test';
import assert from 'node:assert/strict';
import { closes } from '../src/menus.js';

test('an open menu closes on Escape, not on other keys', () => {
  assert.equal(closes({ type: 'keydown', key: 'Escape' }, true, false), true);
  assert.equal(closes({ type: 'keydown', key: 'Escape' }, false, false), true);
  assert.equal(closes({ type: 'keydown', key: 'ArrowDown' }, true, false), false);
});

test('a click outside the menu or on one of its items closes it; elsewhere in it not', () => {
  assert.equal(closes({ type: 'click' }, false, false), true);
  assert.equal(closes({ type: 'click' }, true, true), true);
  assert.equal(closes({ type: 'click' }, true, false), false);
  assert.equal(closes({ type: 'focus' }, false, false), false);
});
