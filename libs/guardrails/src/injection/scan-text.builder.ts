/**
 * Where a stretch of the normalized text came from. A linear segment was copied as is (`text[i]` came from
 * `original[originStart + (i - start)]`); any other segment came, every code unit of it, from the whole
 * `original[originStart, originEnd)` (a normalized character cluster, or a collapsed whitespace run).
 */
interface Segment {
  start: number;
  linear: boolean;
  originStart: number;
  originEnd: number;
}

/** A normalized copy of a string that can map every UTF-16 code unit back to the original range it came from. */
export interface ScanText {
  /** NFKC, hidden characters removed, homoglyphs folded, whitespace runs collapsed. */
  text: string;
  /** Segments in text order (see {@link originOf}). */
  segments: readonly Segment[];
  /** The original held nothing outside ASCII (so no hidden character and no look-alike letter either). */
  asciiOnly: boolean;
}

/** The original `[start, end)` that produced `text[index]` (`index` must be inside the text). */
export function originOf(scan: ScanText, index: number): { start: number; end: number } {
  const { segments } = scan;
  let low = 0;
  let high = segments.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if ((segments[middle]).start <= index) low = middle;
    else high = middle - 1;
  }
  const segment = segments[low];
  if (!segment.linear) return { start: segment.originStart, end: segment.originEnd };
  const start = segment.originStart + (index - segment.start);
  return { start, end: start + 1 };
}

interface PendingSpace {
  char: ' ' | '\n';
  start: number;
  end: number;
}

/**
 * Collects the normalized text in chunks with its segment map. Whitespace is held back until the next visible
 * character so that a run of it — however it was split between bulk copies and single characters — becomes one
 * space, or one newline when the run holds a line break.
 */
export class ScanTextBuilder {
  private readonly chunks: string[] = [];
  private readonly segments: Segment[] = [];
  private length = 0;
  private pending: PendingSpace | null = null;
  private sawNonAscii = false;

  /** Notes that the original holds a character outside ASCII. */
  markNonAscii(): void {
    this.sawNonAscii = true;
  }

  /**
   * Appends `original[from, to)` as is: printable ASCII (0x20–0x7E) with no two spaces in a row. A leading
   * space may join held-back whitespace; a trailing space is held back.
   */
  copyPrintable(original: string, from: number, to: number): void {
    if (from < to && original.charCodeAt(from) === 0x20 && this.pending) {
      this.pending.end = from + 1;
      from += 1;
    }
    if (from >= to) return;
    const last = to - 1;
    const trailingSpace = original.charCodeAt(last) === 0x20;
    const end = trailingSpace ? last : to;
    if (from < end) {
      this.flushSpace();
      this.append(original.slice(from, end), true, from, end);
    }
    if (trailingSpace) this.pushSpace(false, last, to);
  }

  /** Appends one visible character (one or two code units) produced by `original[start, end)`. */
  pushChar(char: string, start: number, end: number): void {
    this.flushSpace();
    this.append(char, false, start, end);
  }

  /** Holds back whitespace, joining it to whitespace held back before it (a break wins over a space). */
  pushSpace(isBreak: boolean, start: number, end: number): void {
    if (this.pending) {
      this.pending.end = end;
      if (isBreak) this.pending.char = '\n';
    } else this.pending = { char: isBreak ? '\n' : ' ', start, end };
  }

  build(): ScanText {
    this.flushSpace();
    return { text: this.chunks.join(''), segments: this.segments, asciiOnly: !this.sawNonAscii };
  }

  private flushSpace(): void {
    const space = this.pending;
    if (!space) return;
    this.pending = null;
    this.append(space.char, false, space.start, space.end);
  }

  private append(chunk: string, linear: boolean, originStart: number, originEnd: number): void {
    const previous = this.segments[this.segments.length - 1];
    const extendsPrevious =
      previous !== undefined &&
      !linear &&
      !previous.linear &&
      previous.originStart === originStart &&
      previous.originEnd === originEnd;
    if (!extendsPrevious) this.segments.push({ start: this.length, linear, originStart, originEnd });
    this.chunks.push(chunk);
    this.length += chunk.length;
  }
}
