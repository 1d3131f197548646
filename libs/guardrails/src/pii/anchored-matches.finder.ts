/**
 * The matches a global regex would find, trying it only at `starts` (ascending positions that include
 * every place a match can begin). `anchored` is that regex with the sticky flag; as with a global
 * search, the next match may only begin after the previous one ends.
 */
export function anchoredMatches(
  anchored: RegExp,
  text: string,
  starts: readonly number[],
): RegExpExecArray[] {
  const matches: RegExpExecArray[] = [];
  let resumeAt = 0;
  for (const start of starts) {
    if (start < resumeAt) continue;
    anchored.lastIndex = start;
    const match = anchored.exec(text);
    if (match) {
      matches.push(match);
      resumeAt = start + match[0].length;
    }
  }
  return matches;
}
