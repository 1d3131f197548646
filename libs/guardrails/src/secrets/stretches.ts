/** A part of a text to search: `[from, to)`. */
export type Stretch = [from: number, to: number];

/**
 * Stretches (in order of where they start) merged where they touch or overlap, or undefined once they
 * cover more than `maxShare` of a text of `textLength`: past that, one search over the whole text is
 * cheaper than many small ones.
 */
export function mergedStretches(
  stretches: Iterable<Stretch>,
  textLength: number,
  maxShare: number,
): Stretch[] | undefined {
  const merged: Stretch[] = [];
  let covered = 0;
  for (const [from, to] of stretches) {
    const last = merged[merged.length - 1];
    covered += to - Math.max(from, last?.[1] ?? 0);
    if (covered > textLength * maxShare) return undefined;
    if (last && from <= last[1]) last[1] = to;
    else merged.push([from, to]);
  }
  return merged;
}
