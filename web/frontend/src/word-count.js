// How long a text is, as a person counts it: words (a segmenter's word-like segments, so that
// "naïve", "it's" and Japanese without spaces count as people expect) and characters (what one sees
// as one, so 👍🏽 or é written as e + accent is one). Line breaks are not characters here: Quill ends
// every document with one and each paragraph with another, which nobody counts. No DOM
// (test/word-count.test.mjs); word-count-view.js shows the counts.

/** A word counter for a locale: Intl.Segmenter where the runtime has one, else runs of letters and digits. */
export function wordCounter(locale) {
  if (typeof Intl !== 'undefined' && typeof Intl.Segmenter === 'function') {
    const words = new Intl.Segmenter(locale, { granularity: 'word' });
    return (text) => {
      let n = 0;
      for (const s of words.segment(text)) if (s.isWordLike) n++;
      return n;
    };
  }
  // letters (with their marks), digits, joined by an apostrophe, a hyphen or a decimal point
  const WORD = /[\p{L}\p{M}\p{N}]+(?:['’.\-][\p{L}\p{M}\p{N}]+)*/gu;
  return (text) => (text.match(WORD) || []).length;
}

/** A character counter for a locale: grapheme clusters where the runtime can segment them, else code points. */
export function characterCounter(locale) {
  if (typeof Intl !== 'undefined' && typeof Intl.Segmenter === 'function') {
    const graphemes = new Intl.Segmenter(locale, { granularity: 'grapheme' });
    return (text) => {
      let n = 0;
      for (const s of graphemes.segment(text)) if (s.segment !== '\n' && s.segment !== '\r\n') n++;
      return n;
    };
  }
  return (text) => Array.from(text).filter((c) => c !== '\n').length;
}

/** Counts a text: { words, characters }. */
export function textCounter(locale) {
  const words = wordCounter(locale);
  const characters = characterCounter(locale);
  return (text) => ({ words: words(text), characters: characters(text) });
}

/** The counts as the status bar says them: "1 word", "1,234 characters" in the locale's digits. */
export function describeCounts({ words, characters }, locale) {
  const n = new Intl.NumberFormat(locale);
  return {
    words: n.format(words) + (words === 1 ? ' word' : ' words'),
    characters: n.format(characters) + (characters === 1 ? ' character' : ' characters'),
  };
}
