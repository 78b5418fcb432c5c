import { test } from 'node:test';
import assert from 'node:assert/strict';
import { docsPath, emptyMessage, purgeIn, MAX_QUERY, PAGE_SIZE } from '../src/docs-query.js';

test('the list asks with the search, sort and filter, defaults left out, always bounded', () => {
  assert.equal(docsPath(), `/api/docs?limit=${PAGE_SIZE}`);
  assert.equal(docsPath({ query: '  plan  ', sort: 'title', filter: 'mine' }), `/api/docs?q=plan&sort=title&filter=mine&limit=${PAGE_SIZE}`);
  assert.equal(docsPath({ query: '100% & more' }), `/api/docs?q=100%25+%26+more&limit=${PAGE_SIZE}`);
  const long = new URLSearchParams(docsPath({ query: 'x'.repeat(500) }).split('?')[1]).get('q');
  assert.equal(long.length, MAX_QUERY);
});

test('an empty list says what to do next', () => {
  assert.match(emptyMessage(), /No documents yet.*Create/);
  assert.match(emptyMessage({ query: 'zzz' }), /No document title contains “zzz”/);
  assert.match(emptyMessage({ filter: 'shared' }), /Nothing is shared with you yet/);
  assert.match(emptyMessage({ filter: 'mine' }), /You own no documents yet/);
  assert.match(emptyMessage({ query: ' ', filter: 'mine' }), /You own no documents yet/);
});

test('a trashed document says when it goes for good', () => {
  const day = 86_400_000;
  assert.equal(purgeIn(30 * day, 0), 'Deleted forever in 30 days');
  assert.equal(purgeIn(29 * day + 5, 0), 'Deleted forever in 29 days');
  assert.equal(purgeIn(day + 1, 0), 'Deleted forever in 1 day');
  assert.equal(purgeIn(5, 0), 'Deleted forever within a day');
});
