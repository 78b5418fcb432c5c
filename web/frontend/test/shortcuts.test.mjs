import { test } from 'node:test';
import assert from 'node:assert/strict';
import { linkPrefill } from '../src/shortcuts.js';

test('the link box starts with the link already there', () => {
  assert.equal(linkPrefill('https://example.com/', 'example'), 'https://example.com/');
});

test('else with the selected text, an e-mail address as a mailto: link', () => {
  assert.equal(linkPrefill(undefined, 'example.com'), 'example.com');
  assert.equal(linkPrefill(undefined, 'ann@example.com'), 'mailto:ann@example.com');
  assert.equal(linkPrefill(undefined, 'mailto:ann@example.com'), 'mailto:ann@example.com');
  assert.equal(linkPrefill(false, ' spaced '), 'spaced');
  assert.equal(linkPrefill(undefined, undefined), '');
});
