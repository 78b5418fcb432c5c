import { test } from 'node:test';
import assert from 'node:assert/strict';
import Delta from 'quill-delta';
import { ImageUploads, TrackedPosition, progressText, failureText, IMAGE_TYPES, UNSUPPORTED_NOTICE }
  from '../src/image-uploads.js';

const png = (name = 'a.png') => ({ name, type: 'image/png', size: 10 });

/** The io of ImageUploads, recording; `answers` the send results in order (a function throws). */
function fakeIo(answers, { writable = true, refreshed = true } = {}) {
  const io = {
    told: [], inserted: [], sent: [], refreshes: 0, released: 0, writableNow: writable, position: null,
    send: async (file, progress) => {
      io.sent.push(file.name);
      progress(5, 10);
      const a = answers.shift();
      if (typeof a === 'function') return a();
      return a;
    },
    refresh: async () => { io.refreshes += 1; return refreshed; },
    insert: (index, url) => io.inserted.push([index, url]),
    tell: (message, kind = 'error') => io.told.push([message, kind]),
    writable: () => io.writableNow,
    track: (index) => {
      io.position = new TrackedPosition(index);
      io.position.release = () => { io.released += 1; };
      return io.position;
    },
  };
  return io;
}

const created = (url) => ({ status: 201, body: { url, imageId: 'x' } });

test('an uploaded image is inserted with the URL the server gave, where the user put it, and said so', async () => {
  const io = fakeIo([created('/api/docs/d/images/AAAAAAAAAAAAAAAAAAAAAA')]);
  await new ImageUploads(io).upload({ index: 3, length: 0 }, [png()]);
  assert.deepEqual(io.sent, ['a.png']);
  assert.deepEqual(io.inserted, [[3, '/api/docs/d/images/AAAAAAAAAAAAAAAAAAAAAA']]);
  assert.ok(io.told.some(([m]) => m === 'Uploading image… 50%'));
  assert.deepEqual(io.told.at(-1), ['Image added', 'info']);
  assert.equal(io.released, 1);
});

test('a refused upload says why and inserts nothing; the files after it are not sent', async () => {
  const io = fakeIo([{ status: 413, body: { error: { code: 'TOO_LARGE', message: 'an image may have at most 5 MiB' } } }]);
  await new ImageUploads(io).upload({ index: 0, length: 0 }, [png('big.png'), png('next.png')]);
  assert.deepEqual(io.inserted, []);
  assert.deepEqual(io.sent, ['big.png']);
  assert.deepEqual(io.told.at(-1), ['The image could not be added: an image may have at most 5 MiB', 'error']);
  assert.equal(io.released, 1);
});

test('a network failure says so and inserts nothing', async () => {
  const io = fakeIo([() => { throw new Error('offline'); }]);
  await new ImageUploads(io).upload({ index: 0, length: 0 }, [png()]);
  assert.deepEqual(io.inserted, []);
  assert.deepEqual(io.told.at(-1), [failureText(null), 'error']);
});

test('other files are not sent and are named in a notice; images beside them are', async () => {
  const io = fakeIo([created('/u1')]);
  await new ImageUploads(io).upload({ index: 0, length: 0 },
    [{ name: 'x.svg', type: 'image/svg+xml' }, png(), { name: 'p.html', type: 'text/html' }]);
  assert.deepEqual(io.sent, ['a.png']);
  assert.ok(io.told.some(([m]) => m === UNSUPPORTED_NOTICE));
  const onlySvg = fakeIo([]);
  await new ImageUploads(onlySvg).upload({ index: 0, length: 0 }, [{ name: 'x.svg', type: 'image/svg+xml' }]);
  assert.deepEqual(onlySvg.sent, []);
  assert.deepEqual(onlySvg.told, [[UNSUPPORTED_NOTICE, 'error']]);
});

test('a read-only page uploads nothing, and an image whose page became read-only meanwhile is not inserted', async () => {
  const ro = fakeIo([created('/u')], { writable: false });
  await new ImageUploads(ro).upload({ index: 0, length: 0 }, [png()]);
  assert.deepEqual(ro.sent, []);
  const io = fakeIo([]);
  io.send = async () => { io.writableNow = false; return created('/u'); };
  await new ImageUploads(io).upload({ index: 0, length: 0 }, [png()]);
  assert.deepEqual(io.inserted, []);
});

test('a 401 refreshes the session once and sends again', async () => {
  const io = fakeIo([{ status: 401, body: null }, created('/u')]);
  await new ImageUploads(io).upload({ index: 1, length: 0 }, [png()]);
  assert.equal(io.refreshes, 1);
  assert.deepEqual(io.inserted, [[1, '/u']]);
});

test('several images go in order, one after another', async () => {
  const io = fakeIo([created('/u1'), created('/u2')]);
  await new ImageUploads(io).upload({ index: 2, length: 0 }, [png('1.png'), png('2.png')]);
  assert.deepEqual(io.inserted, [[2, '/u1'], [3, '/u2']]);
  assert.deepEqual(io.told.at(-1), ['Images added', 'info']);
});

test('the position follows the edits made while the upload runs', async () => {
  const io = fakeIo([]);
  io.send = async () => {
    io.position.follow(new Delta().insert('Hello ')); // someone typed before it
    io.position.follow(new Delta().retain(20).insert('after')); // and after it
    return created('/u');
  };
  await new ImageUploads(io).upload({ index: 4, length: 0 }, [png()]);
  assert.deepEqual(io.inserted, [[10, '/u']]);
  const at = new TrackedPosition(5);
  at.follow(new Delta().delete(3));
  assert.equal(at.index, 2);
});

test('progress in whole tens of percent', () => {
  assert.equal(progressText(0, 100), 'Uploading image… 0%');
  assert.equal(progressText(49, 100), 'Uploading image… 40%');
  assert.equal(progressText(100, 100), 'Uploading image… 100%');
  assert.equal(progressText(5, 0), 'Uploading image… 0%');
});

test('the types offered are the four the server stores', async () => {
  const { readFileSync } = await import('node:fs');
  const java = readFileSync(new URL('../../../protocol/src/main/java/io/verso/protocol/storage/ImagePutRequest.java',
    import.meta.url), 'utf8');
  const listed = [...java.match(/Set\.of\(([^)]*)\)/)[1].matchAll(/"([^"]+)"/g)].map((m) => m[1]);
  assert.deepEqual([...IMAGE_TYPES].sort(), listed.sort());
});

test('an uploaded image is named after its file until someone writes a better text', async () => {
  const { altText } = await import('../src/image-uploads.js');
  assert.equal(altText('Team photo 2026.JPEG'), 'Team photo 2026');
  assert.equal(altText('.png'), 'Image');
  assert.equal(altText('a\u0000b.webp'), 'a b');
  assert.equal(altText('x'.repeat(300) + '.gif').length, 100);
});
