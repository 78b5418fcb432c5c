import test from 'node:test';
import assert from 'node:assert/strict';
import { importOf, importPath, reportText, importFile, ACCEPT } from '../src/file-import.js';

test('a file is sent with the Content-Type of its extension and its name as the title', () => {
  assert.deepEqual(importOf('Report Q3.DOCX'), {
    contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', title: 'Report Q3' });
  assert.deepEqual(importOf('notes.markdown'), { contentType: 'text/markdown', title: 'notes' });
  assert.deepEqual(importOf('page.htm'), { contentType: 'text/html', title: 'page' });
  assert.deepEqual(importOf('.txt'), { contentType: 'text/plain', title: 'Imported document' });
  assert.equal(importOf('slides.pptx'), null);
  assert.equal(importOf('no-extension'), null);
  assert.equal(ACCEPT, '.docx,.md,.markdown,.html,.htm,.txt');
});

test('a long or odd name makes a title the server takes', () => {
  assert.equal(importOf('😀'.repeat(300) + '.txt').title, '😀'.repeat(200));
  assert.equal(importOf('a\u0000b\tc.md').title, 'a b c');
  assert.equal(importPath('a&b ?'), '/api/docs/import?title=a%26b%20%3F');
});

test('the report says what was left out, and nothing when nothing was', () => {
  assert.equal(reportText({ skipped: [] }), null);
  assert.equal(reportText(undefined), null);
  assert.equal(reportText({ skipped: ['2 images too large', 'a video'] }),
    'Imported, but some content could not be kept: 2 images too large; a video.');
});

test('an expired session is refreshed once, a refusal carries the server\'s message', async () => {
  const sent = [];
  let status = 401;
  const send = async (path, type) => {
    sent.push([path, type]);
    const answer = status === 401 ? { status: 401, body: null } : { status: 201, body: { id: 'd1', title: 'x', report: { skipped: [] } } };
    status = 201;
    return answer;
  };
  let refreshed = 0;
  const made = await importFile({ name: 'x.txt', size: 3 }, { send, refresh: async () => { refreshed++; }, onProgress() {} });
  assert.equal(made.id, 'd1');
  assert.equal(refreshed, 1);
  assert.deepEqual(sent, [['/api/docs/import?title=x', 'text/plain'], ['/api/docs/import?title=x', 'text/plain']]);

  await assert.rejects(importFile({ name: 'big.docx' }, {
    send: async () => ({ status: 413, body: { error: { code: 'TOO_LARGE', message: 'a file to import may have at most 20 MiB' } } }),
    refresh: async () => {}, onProgress() {} }), /Import failed: a file to import may have at most 20 MiB/);
  await assert.rejects(importFile({ name: 'a.pdf' }, { send: async () => assert.fail('sent'), refresh: async () => {}, onProgress() {} }),
    /imports .docx, .md, .html and .txt/);
});
