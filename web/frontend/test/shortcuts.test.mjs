import { test } from 'node:test';
import assert from 'node:assert/strict';
import { linkPrefill, findShortcut } from '../src/shortcuts.js';

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

test('find is Ctrl+F (⌘F on a Mac), replace Ctrl+H (⌘⇧H or ⌘H on a Mac)', () => {
  const key = (k, mods = {}) => ({ key: k, code: 'Key' + k.toUpperCase(), ctrlKey: false, metaKey: false, altKey: false, shiftKey: false, ...mods });
  assert.equal(findShortcut(key('f', { ctrlKey: true }), false), 'find');
  assert.equal(findShortcut(key('F', { ctrlKey: true }), false), 'find', 'caps lock');
  assert.equal(findShortcut(key('h', { ctrlKey: true }), false), 'replace');
  assert.equal(findShortcut(key('f', { metaKey: true }), true), 'find');
  assert.equal(findShortcut(key('h', { metaKey: true, shiftKey: true }), true), 'replace');
  assert.equal(findShortcut(key('h', { metaKey: true }), true), 'replace');
  // not these: the browser's, or another shortcut's
  assert.equal(findShortcut(key('f', { metaKey: true }), false), null);
  assert.equal(findShortcut(key('f', { ctrlKey: true }), true), null);
  assert.equal(findShortcut(key('f', { ctrlKey: true, altKey: true }), false), null);
  assert.equal(findShortcut(key('f', { ctrlKey: true, shiftKey: true }), false), null);
  assert.equal(findShortcut(key('h', { ctrlKey: true, shiftKey: true }), false), null);
  assert.equal(findShortcut(key('f'), false), null);
  assert.equal(findShortcut(key('g', { ctrlKey: true }), false), null);
  // a Cyrillic layout: the key in F's place
  assert.equal(findShortcut({ ...key('а', { ctrlKey: true }), code: 'KeyF' }, false), 'find');
});
