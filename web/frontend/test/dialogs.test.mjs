import { test } from 'node:test';
import assert from 'node:assert/strict';
import { promptAnswer } from '../src/dialogs.js';

test('a prompt answers the trimmed text once confirmed, null when cancelled or left empty', () => {
  assert.equal(promptAnswer(true, '  New title '), 'New title');
  assert.equal(promptAnswer(false, 'New title'), null);
  assert.equal(promptAnswer(true, '   '), null);
  assert.equal(promptAnswer(true, undefined), null);
});
