import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { docAddress, docEvents, presenceAddress, presenceEvents, docPath, exportPath, membersPath, memberPath,
  historyPath, revisionPath, diffPath, versionPath, restorePath, authorshipPath } from '../src/addresses.js';

// The patterns the bridges permit, read from Addresses.java (Java string literals, \\ for \).
const java = readFileSync(new URL('../../../protocol/src/main/java/io/verso/protocol/Addresses.java', import.meta.url), 'utf8');
const permitted = Object.fromEntries([...java.matchAll(/public static final String ([A-Z_]+_REGEX) = "([^"]*)";/g)]
  .map((m) => [m[1], new RegExp('^(?:' + m[2].replace(/\\\\/g, '\\') + ')$')]));

/** The names of the bridge patterns an address matches. */
const matching = (address) => Object.keys(permitted).filter((name) => permitted[name].test(address)).sort();

test('each address builder gives exactly the address the bridge permits for it', () => {
  assert.equal(Object.keys(permitted).length, 4, 'Addresses.java was read');
  for (const id of ['d', 'Ab_-09', 'x'.repeat(64)]) {
    assert.deepEqual(matching(docAddress(id)), ['INBOUND_DOC_REGEX'], id);
    assert.deepEqual(matching(docEvents(id)), ['OUTBOUND_DOC_EVENTS_REGEX'], id);
    assert.deepEqual(matching(presenceAddress(id)), ['INBOUND_PRESENCE_REGEX'], id);
    assert.deepEqual(matching(presenceEvents(id)), ['OUTBOUND_PRESENCE_EVENTS_REGEX'], id);
  }
});

test('the API paths escape what they are given', () => {
  assert.equal(docPath('a/b?c'), '/api/docs/a%2Fb%3Fc');
  assert.equal(exportPath('d1', 'md'), '/api/docs/d1/export?format=md');
  assert.equal(membersPath('d1'), '/api/docs/d1/members');
  assert.equal(memberPath('d1', '../x y'), '/api/docs/d1/members/..%2Fx%20y');
});

test('the history paths: optional query parameters left out, values escaped', () => {
  assert.equal(historyPath('d1'), '/api/docs/d1/history');
  assert.equal(historyPath('d1', { limit: 20 }), '/api/docs/d1/history?limit=20');
  assert.equal(historyPath('d1', { before: 41, limit: 20, named: true }), '/api/docs/d1/history?before=41&limit=20&named=true');
  assert.equal(historyPath('d1', { before: null, named: false }), '/api/docs/d1/history');
  assert.equal(revisionPath('d/1', 0), '/api/docs/d%2F1/revisions/0');
  assert.equal(diffPath('d1', 4, 9), '/api/docs/d1/diff?from=4&to=9');
  assert.equal(versionPath('d1', 12), '/api/docs/d1/versions/12');
  assert.equal(restorePath('d1'), '/api/docs/d1/restore');
  assert.equal(authorshipPath('d1'), '/api/docs/d1/authorship');
});
