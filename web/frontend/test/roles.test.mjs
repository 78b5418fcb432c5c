import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { ROLES, atLeast, EDITOR, OWNER, VIEWER, COMMENTER } from '../src/roles.js';

// Role.java declares its roles from the most to the least a role allows: OWNER, EDITOR, COMMENTER, VIEWER.
const java = readFileSync(new URL('../../../protocol/src/main/java/io/verso/protocol/Role.java', import.meta.url), 'utf8');
const declared = /enum Role \{\s*([A-Z_, ]+);/.exec(java)[1].split(',').map((s) => s.trim().toLowerCase());

test('the app knows exactly Role.java\'s roles, in its order', () => {
  assert.deepEqual([...ROLES].reverse(), declared);
  assert.deepEqual([VIEWER, COMMENTER, EDITOR, OWNER], ROLES);
});

test('atLeast is Role.atLeast; no role (null, removed, unknown) allows anything', () => {
  for (const r of ROLES) {
    for (const n of ROLES) assert.equal(atLeast(r, n), declared.indexOf(r) <= declared.indexOf(n), r + ' ≥ ' + n);
  }
  for (const none of [null, undefined, 'none', 'admin']) assert.equal(atLeast(none, VIEWER), false);
});
