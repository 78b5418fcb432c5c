import { test } from 'node:test';
import assert from 'node:assert/strict';
import { APP_TITLE, tabTitle } from '../src/doc-title.js';

test('the tab is named after the document, then the app', () => {
  assert.equal(tabTitle('My doc'), 'My doc — Verso');
  assert.equal(tabTitle('  My doc '), 'My doc — Verso');
  assert.equal(APP_TITLE, 'Verso');
});

test('a blank title is Untitled', () => {
  for (const t of ['', '   ', null, undefined]) assert.equal(tabTitle(t), 'Untitled — Verso');
});
