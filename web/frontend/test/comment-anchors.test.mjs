import { test } from 'node:test';
import assert from 'node:assert/strict';
import Delta from 'quill-delta';
import { moveAnchor, moveThrough, positionBefore, rangeBefore, AnchorBook } from '../src/comment-anchors.js';

const A = (index, length, detached = false) => ({ index, length, detached });

/** A fixed-seed generator (mulberry32): the same cases on every run. */
function seeded(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  next.int = (n) => Math.floor(next() * n);
  next.bool = () => next() < 0.5;
  return next;
}

const TEXTS = ['a', 'bc', 'def', '\n', 'xyz w', 'é', '😀'];

function insertOp(g) {
  const attrs = g.int(4) === 0 ? { bold: true } : undefined;
  if (g.int(6) === 0) return { insert: { image: 'https://img/1.png' }, ...(attrs ? { attributes: attrs } : {}) };
  return { insert: TEXTS[g.int(TEXTS.length)], ...(attrs ? { attributes: attrs } : {}) };
}

/** A random change to a document of `length` units, as the Java Gen.change makes them. */
function change(g, length, maxOps) {
  const d = new Delta();
  let pos = 0;
  const n = 1 + g.int(maxOps);
  for (let i = 0; i < n; i++) {
    const left = length - pos;
    const kind = g.int(3);
    if (kind === 0 || left === 0) {
      d.push(insertOp(g));
    } else {
      const k = 1 + g.int(Math.min(left, 6));
      if (kind === 1) d.retain(k, g.int(3) === 0 ? { italic: true } : undefined);
      else d.delete(k);
      pos += k;
    }
  }
  return d;
}

/** One op of a concurrent history, committed as the server does (written at a base up to 5 revisions old, transformed over the ops since). */
function commitConcurrent(g, contents, committed) {
  const head = contents.length - 1;
  const base = Math.max(0, head - g.int(6));
  let op = change(g, contents[base].length(), 6);
  for (let r = base + 1; r <= head; r++) op = committed[r].transform(op, true);
  committed.push(op);
  contents.push(contents[head].compose(op));
}

/** The per-character model: tags the anchored characters; an insert strictly between two tagged ones is tagged too. */
function applyTags(tags, delta) {
  let pos = 0;
  for (const op of delta.ops) {
    if (op.insert !== undefined) {
      const n = typeof op.insert === 'string' ? op.insert.length : 1;
      const inside = pos > 0 && pos < tags.length && tags[pos - 1] === 'IN' && tags[pos] === 'IN';
      for (let k = 0; k < n; k++) tags.splice(pos++, 0, inside ? 'IN' : 'OUTSIDE');
    } else if (op.delete) {
      tags.splice(pos, op.delete);
    } else {
      pos += typeof op.retain === 'number' ? op.retain : 1;
    }
  }
}

function check(a, before, tags, docLength, msg) {
  assert.equal(tags.length, docLength, msg());
  assert.ok(a.index >= 0 && a.index + a.length <= docLength, msg());
  const first = tags.indexOf('IN');
  const last = tags.lastIndexOf('IN');
  if (first >= 0) {
    assert.equal(a.detached, false, msg());
    assert.equal(a.index, first, msg());
    assert.equal(a.index + a.length, last + 1, msg());
    for (let p = first; p <= last; p++) assert.equal(tags[p], 'IN', msg());
  } else {
    assert.equal(a.length, 0, msg());
    assert.equal(a.detached, before.detached || before.length > 0, msg());
    tags.forEach((t, p) => {
      if (t === 'BEFORE') assert.ok(p < a.index, msg());
      else if (t === 'AFTER') assert.ok(p >= a.index, msg());
    });
  }
}

test('anchors follow random concurrent histories exactly like the per-character model (fixed seeds)', () => {
  for (let seed = 1; seed <= 400; seed++) {
    const g = seeded(0x5eeda4c4 + seed);
    const contents = [new Delta(Array.from({ length: g.int(9) }, () => insertOp(g)))];
    const committed = [new Delta()];
    const steps = 1 + g.int(25);
    for (let s = 0; s < steps; s++) commitConcurrent(g, contents, committed);
    for (let k = 0; k < 4; k++) {
      const rev = g.int(contents.length);
      const docLength = contents[rev].length();
      const index = g.int(docLength + 1);
      const length = docLength === index || g.int(8) === 0 ? 0
        : 1 + g.int(Math.min(docLength - index, g.bool() ? 3 : 12));
      let anchor = A(index, length);
      const tags = Array.from({ length: docLength }, (_, p) => (p < index ? 'BEFORE' : p < index + length ? 'IN' : 'AFTER'));
      for (let r = rev + 1; r < contents.length; r++) {
        const before = anchor;
        anchor = moveAnchor(anchor, committed[r]);
        applyTags(tags, committed[r]);
        const now = anchor;
        check(now, before, tags, contents[r].length(),
          () => `seed ${seed} rev ${r} op=${JSON.stringify(committed[r].ops)} ${JSON.stringify(before)} -> ${JSON.stringify(now)}`);
      }
    }
  }
});

test('edits at the edges stay outside, inside grows it, deletions shrink it, formatting moves nothing (the Java cases)', () => {
  const a = A(2, 3); // "cde" in "abcdefghij"
  assert.deepEqual(moveAnchor(a, new Delta().retain(2).insert('XY')), A(4, 3));
  assert.deepEqual(moveAnchor(a, new Delta().retain(5).insert('XY')), a);
  assert.deepEqual(moveAnchor(a, new Delta().retain(3).insert('XY')), A(2, 5));
  assert.deepEqual(moveAnchor(a, new Delta().retain(1).delete(2)), A(1, 2));
  assert.deepEqual(moveAnchor(a, new Delta().retain(3).delete(4)), A(2, 1));
  assert.deepEqual(moveAnchor(a, new Delta().retain(10, { bold: true })), a);
});

test('an anchor whose text is all gone is detached for good, and moves like a caret', () => {
  const a = A(2, 3);
  const gone = moveAnchor(a, new Delta().retain(1).delete(5));
  assert.deepEqual(gone, A(1, 0, true));
  assert.deepEqual(moveAnchor(a, new Delta().retain(2).insert('new').delete(3)), A(5, 0, true));
  assert.deepEqual(moveAnchor(gone, new Delta().retain(1).insert('XY')), A(3, 0, true));
  assert.deepEqual(moveAnchor(gone, new Delta().delete(4)), A(0, 0, true));
  // a point is never detached
  assert.deepEqual(moveThrough(A(3, 0), [new Delta().retain(3).insert('XY'), new Delta().retain(1).delete(4)]), A(1, 0));
});

test('a selection is taken back through unsaved edits, leaving out text only they inserted or deleted', () => {
  // server "abcdef"; pending: "XY" typed after "ab", "e" deleted → local "abXYcdf"
  const pending = [new Delta().retain(2).insert('XY'), new Delta().retain(6).delete(1)];
  assert.deepEqual(rangeBefore({ index: 0, length: 7 }, pending), { index: 0, length: 6 }, 'all of it: the deleted "e" inside stays');
  assert.deepEqual(rangeBefore({ index: 2, length: 2 }, pending), { index: 2, length: 0 }, 'only unsaved text');
  assert.deepEqual(rangeBefore({ index: 3, length: 3 }, pending), { index: 2, length: 2 }, '"Ycd" → "cd"');
  assert.deepEqual(rangeBefore({ index: 4, length: 2 }, pending), { index: 2, length: 2 }, '"cd"');
  assert.equal(positionBefore(new Delta().retain(2).delete(1), 2, true), 3, 'a start goes after deleted text');
  assert.equal(positionBefore(new Delta().retain(2).delete(1), 2, false), 2, 'an end before it');
  // every range moved back and then forward again through the edits covers the same saved text
  for (let seed = 1; seed <= 200; seed++) {
    const g = seeded(seed);
    const server = new Delta().insert('abcdefghijkl');
    const p1 = change(g, server.length(), 4);
    const p2 = change(g, server.compose(p1).length(), 4);
    const local = server.compose(p1).compose(p2);
    const index = g.int(local.length() + 1);
    const length = g.int(local.length() - index + 1);
    const back = rangeBefore({ index, length }, [p1, p2]);
    assert.ok(back.index >= 0 && back.index + back.length <= server.length(), `seed ${seed}`);
    if (back.length > 0) {
      const forward = moveThrough(A(back.index, back.length), [p1, p2]);
      assert.ok(forward.detached || (forward.index >= index && forward.index + forward.length <= index + length),
        `seed ${seed}: ${JSON.stringify({ index, length, back, forward })}`);
    }
  }
});

test('the book keeps anchors at the page revision: moved by each committed op, placed from an older one, lost on a jump', () => {
  const kept = [];
  let pending = [];
  const book = new AnchorBook({
    committedSince: (rev) => (rev >= 10 - kept.length ? kept.slice(kept.length - (10 - rev)) : null),
    pending: () => pending,
  });
  book.reset(8);
  book.place('t', A(0, 3), 8);
  kept.push(new Delta().insert('>>')); // rev 9
  assert.ok(book.committed(9, kept[0]));
  kept.push(new Delta().retain(3).insert('Q')); // rev 10: typed inside
  assert.ok(book.committed(10, kept[1]));
  assert.deepEqual(book.shown('t'), A(2, 4));
  assert.ok(book.place('u', A(0, 1), 9), 'an event at rev 9 moved through rev 10');
  assert.deepEqual(book.anchors.get('u'), A(0, 1));
  assert.ok(!book.place('v', A(0, 1), 11), 'ahead of the page: not placed');
  assert.ok(!book.place('w', A(0, 1), 3), 'older than what is kept');
  pending = [new Delta().insert('L')];
  assert.deepEqual(book.shown('t'), A(3, 4), 'shown through the unsaved edit');
  assert.ok(!book.committed(12, new Delta()), 'a revision skipped: a reload');
  assert.equal(book.rev, null);
  assert.equal(book.shown('t'), null);
});
