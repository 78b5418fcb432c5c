import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mergePresenceList } from '../src/presence-list.js';

test('a list answer removes ghosts but never overrides what live events said meanwhile', () => {
  const shown = new Set(['ghost', 'stays', 'joinedMeanwhile']);
  const listed = [{ clientId: 'stays', rev: 1 }, { clientId: 'new', rev: 1 }, { clientId: 'leftMeanwhile', rev: 1 },
    { clientId: 'movedMeanwhile', rev: 1 }];
  const heard = new Set(['joinedMeanwhile', 'leftMeanwhile', 'movedMeanwhile']);
  const { leave, show } = mergePresenceList(shown, listed, heard);
  assert.deepEqual(leave, ['ghost'], 'only the ghost: one that joined after the snapshot stays');
  assert.deepEqual(show.map((p) => p.clientId), ['stays', 'new'],
    'a client that left or moved since the snapshot is not brought back or moved back');
});

test('malformed list entries are ignored', () => {
  const { leave, show } = mergePresenceList(new Set(['a']), [null, { clientId: 7 }, { clientId: 'a' }], new Set());
  assert.deepEqual(leave, []);
  assert.deepEqual(show.map((p) => p.clientId), ['a']);
});
