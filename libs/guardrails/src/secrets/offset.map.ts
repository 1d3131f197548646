/**
 * Maps offsets in a derived copy of a text (escapes decoded, excerpts joined) back to the text it came from.
 * The copy is the source with some stretches shortened or dropped, so the map is piecewise: from each
 * breakpoint on, source offset = copy offset + shift. Breakpoints are few (one per escape or excerpt), so
 * building the map costs nothing for plain text and a lookup is a binary search.
 */
export class OffsetMap {
  private readonly from: number[] = [];
  private readonly shift: number[] = [];

  /** From copy offset `at` on (added in increasing order), the source is `shift` characters further on. */
  shiftFrom(at: number, shift: number): void {
    const last = this.from.length - 1;
    if (last >= 0 && this.from[last] === at) this.shift[last] = shift;
    else {
      this.from.push(at);
      this.shift.push(shift);
    }
  }

  /** The source offset of copy offset `at`. */
  toSource(at: number): number {
    let low = 0;
    let high = this.from.length - 1;
    let found = -1;
    while (low <= high) {
      const middle = (low + high) >> 1;
      if ((this.from[middle] ?? 0) <= at) {
        found = middle;
        low = middle + 1;
      } else high = middle - 1;
    }
    return at + (found < 0 ? 0 : (this.shift[found] ?? 0));
  }
}
