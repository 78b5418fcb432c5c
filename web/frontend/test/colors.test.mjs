import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { PALETTE, colorOf, tint, UNKNOWN_COLOR } from '../src/colors.js';

const java = readFileSync(new URL('../../../presence-service/src/main/java/io/verso/presence/Colors.java', import.meta.url), 'utf8');

test('the palette is presence\'s, in its order', () => {
  const listed = [...java.match(/PALETTE = List\.of\(([^)]*)\)/)[1].matchAll(/"(#[0-9a-f]{6})"/g)].map((m) => m[1]);
  assert.equal(listed.length, 12, 'Colors.java was read');
  assert.deepEqual([...PALETTE], listed);
});

test('a user gets the colour presence gives them (values computed by Colors.of)', () => {
  const fromJava = { 'user-42': '#f58231', u1: '#f58231', a: '#911eb4',
    '0f9e8d7c-aaaa-bbbb-cccc-000000000001': '#911eb4', 'élan': '#e6194b' };
  for (const [id, color] of Object.entries(fromJava)) assert.equal(colorOf(id), color, id);
});

test('unknown authors and tints', () => {
  assert.equal(colorOf(null), UNKNOWN_COLOR);
  assert.equal(tint('#e6194b'), '#e6194b40');
  assert.equal(tint('#abc'), '#abc');
});
