/**
 * The long runs of token characters of a text, joined by line breaks: a pattern that matches only such runs
 * finds the same matches here as in the whole text, in a fraction of it.
 */
export interface TokenRunsView {
  text: string;
  /** The offset in the original text of `text[offset]`. */
  toOriginal(offset: number): number;
}

/** Past this share of the text, the view would save little over the text itself. */
const MAX_SHARE = 0.5;

/**
 * The given runs of token characters (`[A-Za-z0-9+/=_.~-]`, whole runs, in order), or undefined when they make
 * up most of the text (search the text itself then). Each run ends at a character outside the alphabet, or at
 * the end, so a line break between runs changes nothing for a pattern whose characters and look-arounds are
 * all of it.
 */
export function tokenRunsView(
  text: string,
  runs: ReadonlyArray<readonly [start: number, end: number]>,
): TokenRunsView | undefined {
  let covered = 0;
  for (const [start, end] of runs) covered += end - start;
  if (covered > text.length * MAX_SHARE) return undefined;
  const viewStarts: number[] = [];
  let length = 0;
  for (const [start, end] of runs) {
    viewStarts.push(length);
    length += end - start + 1;
  }
  return {
    text: runs.map(([start, end]) => text.slice(start, end)).join('\n'),
    toOriginal(offset) {
      let low = 0;
      let high = viewStarts.length - 1;
      while (low < high) {
        const middle = (low + high + 1) >> 1;
        if (viewStarts[middle] <= offset) low = middle;
        else high = middle - 1;
      }
      return runs[low][0] + (offset - viewStarts[low]);
    },
  };
}
