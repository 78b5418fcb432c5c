import { test } from 'node:test';
import assert from 'node:assert/strict';
import { controlLabel, isMac, nameLinkBox } from '../src/toolbar.js';

test('inline code and code blocks are named apart', () => {
  assert.equal(controlLabel('code', null, false).label, 'Inline code');
  assert.equal(controlLabel('code-block', null, false).label, 'Code block');
});

test('a tooltip names the keyboard shortcut, with ⌘ on a Mac and Ctrl elsewhere', () => {
  assert.deepEqual(controlLabel('bold', null, false), { label: 'Bold', title: 'Bold (Ctrl+B)' });
  assert.deepEqual(controlLabel('link', null, true), { label: 'Link', title: 'Link (⌘K)' });
  assert.deepEqual(controlLabel('blockquote', null, false), { label: 'Quote', title: 'Quote' });
});

test('a control with a value is named by it; an unknown one is left alone', () => {
  assert.equal(controlLabel('list', 'bullet', false).label, 'Bulleted list');
  assert.equal(controlLabel('list', 'ordered', false).label, 'Numbered list');
  assert.equal(controlLabel('header', '1', false).label, 'Heading');
  assert.equal(controlLabel('nonesuch', null, false), null);
  assert.deepEqual(controlLabel('undo', null, false), { label: 'Undo', title: 'Undo (Ctrl+Z)' });
  assert.deepEqual(controlLabel('redo', null, true), { label: 'Redo', title: 'Redo (⌘Shift+Z)' });
  assert.equal(controlLabel('list', 'check', false).label, 'Checklist');
  assert.equal(controlLabel('indent', '+1', false).label, 'Increase indent');
  assert.equal(controlLabel('color', null, false).label, 'Text colour');
});

test('isMac', () => {
  for (const p of ['MacIntel', 'iPhone', 'iPad']) assert.equal(isMac(p), true, p);
  for (const p of ['Linux x86_64', 'Win32', '', undefined]) assert.equal(isMac(p), false, String(p));
});

test('the link box\'s field gets a name beyond its placeholder', () => {
  const attrs = {};
  const box = { setAttribute: (k, v) => { attrs[k] = v; } };
  nameLinkBox({ theme: { tooltip: { textbox: box } } });
  assert.equal(attrs['aria-label'], 'Link address');
  nameLinkBox({ theme: {} }); // a theme without a tooltip: nothing to name
});
