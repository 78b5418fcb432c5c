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
  const fromJava = { 'user-42': '#b9561a', u1: '#b9561a', a: '#911eb4',
    '0f9e8d7c-aaaa-bbbb-cccc-000000000001': '#911eb4', 'élan': '#e6194b' };
  for (const [id, color] of Object.entries(fromJava)) assert.equal(colorOf(id), color, id);
});

test('unknown authors and tints', () => {
  assert.equal(colorOf(null), UNKNOWN_COLOR);
  assert.equal(tint('#e6194b'), '#e6194b40');
  assert.equal(tint('#abc'), '#abc');
});

/** WCAG contrast of white text on a colour (initials on avatars, name flags). */
function contrastWithWhite(hex) {
  const lin = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255)
    .map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4));
  const l = 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2];
  return 1.05 / (l + 0.05);
}

test('white text on every person colour reads at 4.5:1 or more', () => {
  for (const c of PALETTE) assert.ok(contrastWithWhite(c) >= 4.5, `${c}: ${contrastWithWhite(c).toFixed(2)}`);
});
