import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import Delta from 'quill-delta';
import { QUILL_FORMATS, MAX_SENDABLE_IMAGE, hasUnsendableImage, refusalNotice, IMAGE_TOO_LARGE } from '../src/formats.js';

const file = JSON.parse(readFileSync(new URL('../../../protocol/src/main/resources/io/verso/protocol/formats.json', import.meta.url)));

test('Quill gets exactly the shared list: its formats and embeds, nothing else', () => {
  assert.deepEqual([...QUILL_FORMATS].sort(), [...file.formats, ...file.embeds].sort());
  for (const unrenderable of ['formula', 'video', 'alt', 'width', 'height']) assert.ok(!QUILL_FORMATS.includes(unrenderable), unrenderable);
  assert.ok(Object.isFrozen(QUILL_FORMATS));
});

test('an image too large for one bridge frame is not sent', () => {
  const png = 'data:image/png;base64,';
  const fits = png + 'A'.repeat(MAX_SENDABLE_IMAGE - png.length);
  assert.equal(hasUnsendableImage(new Delta().retain(3).insert({ image: fits })), false);
  assert.equal(hasUnsendableImage(new Delta().insert('x').insert({ image: fits + 'A' })), true);
  assert.equal(hasUnsendableImage(new Delta().insert('A'.repeat(MAX_SENDABLE_IMAGE + 1))), false, 'text is split into ops');
  assert.equal(hasUnsendableImage(new Delta().insert({ image: 'https://example.com/a.png' })), false);
});

test('a refused image is named in the notice, other refusals are not', () => {
  const image = [{ retain: 2 }, { insert: { image: 'data:image/png;base64,AAAA' } }];
  assert.equal(refusalNotice(413, image), IMAGE_TOO_LARGE);
  assert.match(refusalNotice(422, image), /image could not be put/);
  assert.match(refusalNotice(413, [{ insert: 'x' }]), /too large for the document/);
  assert.match(refusalNotice(422, [{ insert: 'x' }]), /could not be applied/);
});
