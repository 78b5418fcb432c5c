import { test } from 'node:test';
import assert from 'node:assert/strict';
import { nextIndex } from '../src/dialog-focus.js';

test('Tab goes to the next control and from the last round to the first', () => {
  assert.equal(nextIndex(0, 3, false), 1);
  assert.equal(nextIndex(1, 3, false), 2);
  assert.equal(nextIndex(2, 3, false), 0);
});

test('Shift+Tab goes to the previous control and from the first round to the last', () => {
  assert.equal(nextIndex(2, 3, true), 1);
  assert.equal(nextIndex(0, 3, true), 2);
});

test('from outside the dialog Tab enters at the first control, Shift+Tab at the last', () => {
  assert.equal(nextIndex(-1, 3, false), 0);
  assert.equal(nextIndex(-1, 3, true), 2);
});

test('one control keeps the focus; none gives nowhere', () => {
  assert.equal(nextIndex(0, 1, false), 0);
  assert.equal(nextIndex(0, 1, true), 0);
  assert.equal(nextIndex(-1, 0, false), -1);
});
