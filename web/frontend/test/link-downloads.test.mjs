import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileNameOf } from '../src/link-downloads.js';

test('the saved file takes the name the server gave, else the fallback', () => {
  assert.equal(fileNameOf('attachment; filename="Plans.md"', 'document'), 'Plans.md');
  assert.equal(fileNameOf(null, 'document'), 'document');
  assert.equal(fileNameOf('attachment', 'document'), 'document');
  assert.equal(fileNameOf('attachment; filename="../etc/x"', 'document'), 'document');
});
