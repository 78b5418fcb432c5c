import { test } from 'node:test';
import assert from 'node:assert/strict';
import Delta from 'quill-delta';
import { documentText, findMatches, isWholeWord, matchFrom, step, countText, replaceDelta, EMBED } from '../src/find.js';

const M = (index, length) => ({ index, length });

test('the text has one character per document unit: an embed is one U+FFFC', () => {
  const ops = [{ insert: 'ab' }, { insert: { image: 'https://x/1.png' } }, { insert: 'c\n', attributes: { bold: true } }];
  assert.equal(documentText(ops), 'ab' + EMBED + 'c\n');
  assert.equal(documentText(ops).length, new Delta(ops).length());
});

test('matches are found in order, not overlapping, ignoring case unless asked', () => {
  assert.deepEqual(findMatches('Cat cat CAT', 'cat'), [M(0, 3), M(4, 3), M(8, 3)]);
  assert.deepEqual(findMatches('Cat cat CAT', 'cat', { matchCase: true }), [M(4, 3)]);
  assert.deepEqual(findMatches('aaaa', 'aa'), [M(0, 2), M(2, 2)]);
  assert.deepEqual(findMatches('Élan élan', 'élan'), [M(0, 4), M(5, 4)]);
});

test('whole word: nothing of a letter, digit or underscore either side', () => {
  assert.deepEqual(findMatches('cat catalog bobcat cat_x (cat) cat', 'cat', { wholeWord: true }), [M(0, 3), M(26, 3), M(31, 3)]);
  assert.deepEqual(findMatches('ab aab ab', 'ab', { wholeWord: true }), [M(0, 2), M(7, 2)]);
  assert.ok(isWholeWord('😀cat😀', 2, 3), 'an emoji is no letter');
  assert.ok(!isWholeWord('écat', 1, 3), 'an accented letter is one');
  assert.ok(!isWholeWord('𝐀cat', 2, 3), 'a letter outside the BMP (a surrogate pair) is one');
});

test('a query is literal text, never a pattern', () => {
  assert.deepEqual(findMatches('a.b axb (x) [y] $1 \\d', 'a.b'), [M(0, 3)]);
  assert.deepEqual(findMatches('(x) [y] $1 \\d a-b', '(x)'), [M(0, 3)]);
  assert.deepEqual(findMatches('(x) [y] $1 \\d a-b', '\\d'), [M(11, 2)]);
  assert.deepEqual(findMatches('(x) [y] $1 \\d a-b', 'a-b'), [M(14, 3)]);
  assert.deepEqual(findMatches('.*', '.*'), [M(0, 2)]);
});

test('nothing is found for an empty query, one with a line break or an embed', () => {
  assert.deepEqual(findMatches('abc', ''), []);
  assert.deepEqual(findMatches('a\nb', 'a\nb'), []);
  assert.deepEqual(findMatches('a' + EMBED, 'a' + EMBED), []);
});

test('at most `limit` matches', () => {
  assert.equal(findMatches('x'.repeat(100), 'x', {}, 10).length, 10);
});

test('the current match: the first at or after a position, wrapping', () => {
  const ms = [M(2, 1), M(5, 1), M(9, 1)];
  assert.equal(matchFrom(ms, 0), 0);
  assert.equal(matchFrom(ms, 2), 0);
  assert.equal(matchFrom(ms, 3), 1);
  assert.equal(matchFrom(ms, 9), 2);
  assert.equal(matchFrom(ms, 10), 0);
  assert.equal(matchFrom([], 3), -1);
  assert.equal(step(2, 3, 1), 0);
  assert.equal(step(0, 3, -1), 2);
  assert.equal(step(-1, 3, -1), 2);
  assert.equal(step(-1, 3, 1), 0);
  assert.equal(step(0, 0, 1), -1);
});

test('the count says where one is', () => {
  assert.equal(countText('', -1, 0), '');
  assert.equal(countText('x', -1, 0), 'No results');
  assert.equal(countText('x', 2, 12), '3 of 12');
});

test('replacing keeps each match\'s formatting: that of its first character', () => {
  const doc = new Delta().insert('a ').insert('cat', { bold: true }).insert(' and ').insert('Cat', { link: 'https://c/' }).insert('\n');
  const ops = doc.ops;
  const change = replaceDelta(ops, findMatches(documentText(ops), 'cat'), 'dog');
  assert.deepEqual(doc.compose(change).ops, new Delta().insert('a ').insert('dog', { bold: true }).insert(' and ')
    .insert('dog', { link: 'https://c/' }).insert('\n').ops);
  assert.deepEqual(doc.compose(replaceDelta(ops, [M(2, 3)], '')).ops, new Delta().insert('a  and ').insert('Cat', { link: 'https://c/' }).insert('\n').ops);
  assert.deepEqual(doc.compose(replaceDelta(ops, [M(0, 1)], 'x\ny')).ops[0], { insert: 'x y ' });
});

// ---- randomized, against a naive model: every position compared by hand ----

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
  next.pick = (xs) => xs[next.int(xs.length)];
  return next;
}

const PIECES = ['a', 'A', 'b', 'ab', 'Ab', 'ba', ' ', '\n', 'é', 'É', '_', '1', '-', '.', '😀'];
const ATTRS = [undefined, { bold: true }, { italic: true }, { link: 'https://l/' }, { bold: true, color: '#ff0000' }];
const QUERIES = ['a', 'b', 'ab', 'AB', 'ba', 'aa', 'a b', 'é', 'ÉA', '1', '.', '_a', 'a-', '😀', 'b😀'];

function randomDoc(g) {
  const d = new Delta();
  const n = g.int(14);
  for (let i = 0; i < n; i++) {
    if (g.int(10) === 0) d.insert({ image: 'https://img/' + i + '.png' });
    else d.insert(g.pick(PIECES), g.pick(ATTRS));
  }
  return d.insert('\n');
}

const isWord = (ch) => /[\p{L}\p{N}\p{M}_]/u.test(ch);

/** The naive model: each position in turn, compared character by character, the next search after a match. */
function naiveMatches(text, query, matchCase, wholeWord) {
  if (!query || query.includes('\n') || query.includes(EMBED)) return [];
  const same = (a, b) => (matchCase ? a === b : a.toLowerCase() === b.toLowerCase());
  const found = [];
  for (let i = 0; i + query.length <= text.length;) {
    const here = same(text.slice(i, i + query.length), query);
    const before = Array.from(text.slice(0, i)).pop() || '';
    const after = Array.from(text.slice(i + query.length))[0] || '';
    if (here && (!wholeWord || (!isWord(before) && !isWord(after)))) {
      found.push(M(i, query.length));
      i += query.length;
    } else i++;
  }
  return found;
}

/** The naive replacement: the document character by character, each match's span swapped for the replacement. */
function naiveReplace(doc, matches, replacement) {
  const units = [];
  for (const op of doc.ops) {
    if (typeof op.insert === 'string') for (const ch of op.insert.split('')) units.push({ insert: ch, attributes: op.attributes });
    else units.push(op);
  }
  const out = new Delta();
  let i = 0;
  for (const m of matches) {
    for (; i < m.index; i++) out.insert(units[i].insert, units[i].attributes);
    if (replacement) out.insert(replacement, units[m.index].attributes);
    i = m.index + m.length;
  }
  for (; i < units.length; i++) out.insert(units[i].insert, units[i].attributes);
  return out;
}

test('randomized: matches and replace-all agree with the naive model', () => {
  const g = seeded(26);
  for (let n = 0; n < 2000; n++) {
    const doc = randomDoc(g);
    const text = documentText(doc.ops);
    const query = g.pick(QUERIES);
    const opts = { matchCase: g.int(2) === 0, wholeWord: g.int(3) === 0 };
    const matches = findMatches(text, query, opts);
    const expected = naiveMatches(text, query, opts.matchCase, opts.wholeWord);
    assert.deepEqual(matches, expected, JSON.stringify({ text, query, opts }));

    const replacement = g.pick(['', 'x', 'XY', 'ab', '😀']);
    const replaced = doc.compose(replaceDelta(doc.ops, matches, replacement));
    assert.deepEqual(replaced.ops, naiveReplace(doc, matches, replacement).ops, JSON.stringify({ text, query, replacement }));
    // undone by its inverse, as one step
    assert.deepEqual(replaced.compose(replaceDelta(doc.ops, matches, replacement).invert(doc)).ops, doc.ops);

    if (matches.length > 0) {
      const at = g.int(text.length + 1);
      const i = matchFrom(matches, at);
      const firstAfter = matches.findIndex((m) => m.index >= at);
      assert.equal(i, firstAfter === -1 ? 0 : firstAfter);
    }
  }
});
