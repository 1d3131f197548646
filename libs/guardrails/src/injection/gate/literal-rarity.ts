/**
 * Words so common in ordinary text (English function words, and words every tool output is full of) that a
 * gate keyed on them would fire everywhere: they do not count towards how rare a literal is.
 */
const COMMON_WORDS = new Set(
  (
    'a an the to in into on onto of for from with by at as and or but if is are was were be been it its this that ' +
    'these those you your we our they their he she his her not no do does did has have had will would can could ' +
    'should must may might all any each every some other only when after before then than so also there here what ' +
    'which who how about over out up more most one new way tool tools server user data file'
  ).split(' '),
);

const WORD = /[a-z]+/g;

/**
 * How rare a literal is likely to be in ordinary text: its length less whitespace and common words, two for
 * each common word after the first (a phrase of common words is rarer than any of them), and one for each
 * side that must stand apart from word characters (`edges`).
 */
export function literalRarity(text: string, edges: number): number {
  let commonLength = 0;
  let commonWords = 0;
  for (const word of text.match(WORD) ?? []) {
    if (!COMMON_WORDS.has(word)) continue;
    commonLength += word.length;
    commonWords += 1;
  }
  let spaces = 0;
  for (let i = 0; i < text.length; i += 1) if (text.charCodeAt(i) === 0x20) spaces += 1;
  const rare = text.length - commonLength - spaces + 2 * Math.max(0, commonWords - 1);
  return rare > 0 ? rare + edges : 0;
}
