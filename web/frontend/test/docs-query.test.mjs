import { test } from 'node:test';
import assert from 'node:assert/strict';
import { docsPath, emptyMessage, purgeIn, searchWords, searchProblem, matchNote, MAX_QUERY, MAX_WORDS, PAGE_SIZE,
  SEARCH_LABEL, FOUND_IN_TEXT } from '../src/docs-query.js';

test('the list asks with the search, sort and filter, defaults left out, always bounded', () => {
  assert.equal(docsPath(), `/api/docs?limit=${PAGE_SIZE}`);
  assert.equal(docsPath({ query: '  plan  ', sort: 'title', filter: 'mine' }), `/api/docs?q=plan&sort=title&filter=mine&limit=${PAGE_SIZE}`);
  assert.equal(docsPath({ query: '100% & more' }), `/api/docs?q=100%25+%26+more&limit=${PAGE_SIZE}`);
  const long = new URLSearchParams(docsPath({ query: 'x'.repeat(500) }).split('?')[1]).get('q');
  assert.equal(long.length, MAX_QUERY);
});

test('an empty list says what to do next', () => {
  assert.match(emptyMessage(), /No documents yet.*Create/);
  assert.match(emptyMessage({ query: 'zzz' }), /No document has “zzz” in its title or text/);
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

test('the search box says it searches titles and text', () => {
  assert.equal(SEARCH_LABEL, 'Search titles and text');
});

test('search words are split and lower-cased as the server does', () => {
  assert.deepEqual(searchWords('  Straße, ÉTÉ & привет:* a\\b "x" '), ['straße', 'été', 'привет', 'a', 'b', 'x']);
  assert.deepEqual(searchWords('plan Plan PLAN'), ['plan']);
  assert.deepEqual(searchWords('e\u0301t\u00e9'), ['\u00e9t\u00e9'], 'NFC first: a decomposed é is the composed one');
  assert.deepEqual(searchWords('हिन्दी'), ['हिन्दी'], 'combining marks stay inside a word');
  assert.deepEqual(searchWords('!!! ::'), []);
});

test('a search of more words than the server takes says so instead of asking', () => {
  const ten = Array.from({ length: MAX_WORDS }, (_, i) => 'w' + i).join(' ');
  assert.equal(searchProblem(ten), null);
  assert.equal(searchProblem(ten + ' w0 W1'), null, 'repeated words count once');
  assert.equal(searchProblem(ten + ' more'), `Search with at most ${MAX_WORDS} words (this has ${MAX_WORDS + 1}).`);
  assert.equal(searchProblem(''), null);
});

test('a result found only in its text says so; a title match or no search says nothing', () => {
  assert.equal(matchNote({ match: 'text' }), FOUND_IN_TEXT);
  assert.equal(FOUND_IN_TEXT, 'Found in the text');
  assert.equal(matchNote({ match: 'title' }), '');
  assert.equal(matchNote({}), '');
});
