import { test, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import * as links from '../src/share-links.js';

const TOKEN = 'A'.repeat(40) + '_-9';

beforeEach(() => links.useStore(null));

test('a link route gives its document and token; anything else is not a link', () => {
  assert.deepEqual(links.parseLinkHash('#/doc/abc_1?link=' + TOKEN), { docId: 'abc_1', token: TOKEN });
  assert.equal(links.parseLinkHash('#/doc/abc'), null);
  assert.equal(links.parseLinkHash('#/doc/abc?link=short'), null);
  assert.equal(links.parseLinkHash('#/doc/abc?link=' + TOKEN + 'x'), null);
  assert.equal(links.parseLinkHash('#/doc/a.b?link=' + TOKEN), null);
  assert.equal(links.linkUrl('https://v.example/', 'abc', TOKEN), 'https://v.example/#/doc/abc?link=' + TOKEN);
});

test('a remembered token rides with every API call about its document, and only those', () => {
  links.remember('d1', TOKEN);
  assert.deepEqual(links.apiHeaders('/api/docs/d1'), { 'X-Verso-Link': TOKEN });
  assert.deepEqual(links.apiHeaders('/api/docs/d1/comments'), { 'X-Verso-Link': TOKEN });
  assert.deepEqual(links.apiHeaders('/api/docs/d1/export?format=md'), { 'X-Verso-Link': TOKEN });
  assert.deepEqual(links.apiHeaders('/api/docs/d10'), {});
  assert.deepEqual(links.apiHeaders('/api/docs'), {});
  assert.deepEqual(links.apiHeaders('/api/users?q=d1'), {});
});

test('and with every frame to or about its document', () => {
  links.remember('d1', TOKEN);
  for (const a of ['doc.d1', 'doc.d1.events', 'presence.d1', 'presence.d1.events']) {
    assert.deepEqual(links.frameHeaders(a), { link: TOKEN }, a);
  }
  assert.deepEqual(links.frameHeaders('doc.d2.events'), {});
  assert.deepEqual(links.frameHeaders('reply-1'), {});
});

test('forgotten, or malformed, a token goes nowhere', () => {
  links.remember('d1', TOKEN);
  links.forget('d1');
  assert.equal(links.tokenFor('d1'), null);
  links.remember('d2', 'not a token');
  assert.equal(links.tokenFor('d2'), null);
  assert.deepEqual(links.apiHeaders('/api/docs/d2'), {});
});

test('the image cookie is scoped to one document\'s images and expires without a token', async () => {
  const { imageCookie } = await import('../src/share-links.js');
  const t = 'A'.repeat(43);
  assert.equal(imageCookie('d1', t, false), 'verso_link=' + t + '; Path=/api/docs/d1/images/; SameSite=Strict');
  assert.equal(imageCookie('d1', t, true), 'verso_link=' + t + '; Path=/api/docs/d1/images/; SameSite=Strict; Secure');
  assert.equal(imageCookie('d1', null, false), 'verso_link=; Path=/api/docs/d1/images/; Max-Age=0; SameSite=Strict');
  assert.equal(imageCookie('d1', 'x; Path=/', false), 'verso_link=; Path=/api/docs/d1/images/; Max-Age=0; SameSite=Strict');
});
