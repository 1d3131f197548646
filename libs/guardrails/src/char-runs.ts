/** A set of ASCII characters: `1` at the code of each member. */
export type AsciiSet = Uint8Array;

/** The set of the (ASCII) characters in `chars`. */
export function asciiSet(chars: string): AsciiSet {
  const set = new Uint8Array(128);
  for (let i = 0; i < chars.length; i += 1) set[chars.charCodeAt(i)] = 1;
  return set;
}

/**
 * Every maximal run of at least `min` characters of `set`, as `[start, end)` pairs in order, without trying a
 * pattern at every position: a run that long must cover the character `min - 1` places ahead, so wherever that
 * one is outside the set the search jumps past it, and looking back from it for a break skips ahead again.
 * Ordinary prose costs a few reads per word.
 */
export function charRuns(text: string, min: number, set: AsciiSet): Array<[start: number, end: number]> {
  const runs: Array<[number, number]> = [];
  const inSet = (at: number): boolean => {
    const code = text.charCodeAt(at);
    return code < 128 && set[code] === 1;
  };
  // Invariant: `at` is 0 or follows a character outside the set.
  let at = 0;
  while (at + min <= text.length) {
    let gap = at + min - 1;
    while (gap >= at && inSet(gap)) gap -= 1;
    if (gap >= at) {
      at = gap + 1;
      continue;
    }
    let end = at + min;
    while (end < text.length && inSet(end)) end += 1;
    runs.push([at, end]);
    at = end + 1;
  }
  return runs;
}
