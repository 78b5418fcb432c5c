import { test } from 'node:test';
import assert from 'node:assert/strict';
import { characterCounter, describeCounts, textCounter, wordCounter } from '../src/word-count.js';

const count = textCounter('en');

test('an empty document, as Quill holds it (one newline), has nothing to count', () => {
  assert.deepEqual(count('\n'), { words: 0, characters: 0 });
  assert.deepEqual(count(''), { words: 0, characters: 0 });
});

test('words are counted by the segmenter: punctuation, spaces and line breaks are no words', () => {
  assert.equal(count('Hello, world!\n').words, 2);
  assert.equal(count('  one\ttwo\n\nthree  \n').words, 3);
  assert.equal(count('— … ! ?\n').words, 0);
  assert.equal(count("it's a well-known 3.5 fact\n").words, 6); // it's · a · well · known · 3.5 · fact
});

test('Unicode words: accents, other scripts, and text without spaces', () => {
  assert.equal(count('Grüße aus Köln, naïve café\n').words, 5);
  assert.equal(count('Привет, мир\n').words, 2);
  assert.equal(count('日本語のテキスト\n').words, 3); // 日本語 · の · テキスト, no spaces needed
});

test('characters are what one sees as one, without line breaks', () => {
  assert.equal(count('abc\n').characters, 3);
  assert.equal(count('a b\nc\n').characters, 4); // the space counts, the paragraph breaks do not
  assert.equal(count('👍🏽\n').characters, 1); // one emoji with its skin tone
  assert.equal(count('e\u0301\n').characters, 1); // e + combining accent
  assert.equal(count('a\r\nb').characters, 2);
});

test('without Intl.Segmenter: runs of letters and digits, and code points', () => {
  const saved = Intl.Segmenter;
  try {
    delete Intl.Segmenter;
    const words = wordCounter('en');
    const characters = characterCounter('en');
    assert.equal(words("Grüße aus Köln, it's well-known: 3.5!\n"), 6); // well-known is one here
    assert.equal(words('\n'), 0);
    assert.equal(characters('ab c\n'), 4);
    assert.equal(characters('😀\n'), 1);
  } finally {
    Intl.Segmenter = saved;
  }
});

test('the counts are said with singulars and the locale digit grouping', () => {
  assert.deepEqual(describeCounts({ words: 1, characters: 1 }, 'en'), { words: '1 word', characters: '1 character' });
  assert.deepEqual(describeCounts({ words: 0, characters: 1234 }, 'en'), { words: '0 words', characters: '1,234 characters' });
});
