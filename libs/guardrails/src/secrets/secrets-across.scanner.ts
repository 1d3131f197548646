import type { TextSpan } from '../text-span';
import { scanSecrets } from './secrets.scanner';
import { widenBack, widenForward } from './window.edges';

/** A span found across chunks, cut to the part in one chunk: offsets are within `chunks[chunk]`. */
export interface ChunkSpan extends TextSpan {
  chunk: number;
}

/** Text taken on each side of a boundary: more than any credential and the key or keyword before it. */
const SIDE = 512;
/**
 * How far from a boundary a span still counts as found thanks to the other side: a value whose key ended
 * the previous chunk, a URL password whose `@` only comes in the next one.
 */
const NEAR_BOUNDARY = 128;
/** A window is widened to the nearest break (so no token is cut at its edge), up to this far. */
const MAX_WIDEN = 1024;

interface Window {
  start: number;
  end: number;
  boundaries: number[];
}

/** Index of the first value of `sorted` that is greater than `at` (`sorted.length` if none). */
function firstAfter(sorted: readonly number[], at: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if ((sorted[middle] ?? 0) <= at) low = middle + 1;
    else high = middle;
  }
  return low;
}

/**
 * Merged windows of the joined text around each boundary between two non-empty chunks, widened to the
 * nearest breaks once merged (so many close boundaries cost one widening, not one each).
 */
function windowsAround(joined: string, boundaries: readonly number[]): Window[] {
  const near: Window[] = [];
  for (const boundary of boundaries) {
    const last = near[near.length - 1];
    if (last && boundary - SIDE <= last.end) {
      last.end = boundary + SIDE;
      last.boundaries.push(boundary);
    } else near.push({ start: boundary - SIDE, end: boundary + SIDE, boundaries: [boundary] });
  }
  const windows: Window[] = [];
  for (const w of near) {
    const start = widenBack(joined, w.start, MAX_WIDEN);
    const end = widenForward(joined, w.end, MAX_WIDEN);
    const last = windows[windows.length - 1];
    if (last && start <= last.end) {
      last.end = Math.max(last.end, end);
      for (const boundary of w.boundaries) last.boundaries.push(boundary);
    } else windows.push({ start, end, boundaries: w.boundaries });
  }
  return windows;
}

/**
 * A span of a window is kept when it crosses a boundary, or lies near one (the other side may be what
 * made it a secret). Spans elsewhere are the chunks' own business, and one touching a window edge that is
 * not the end of the text may be an artefact of the cut.
 */
function keeps(span: TextSpan, window: Window, length: number): boolean {
  const { boundaries } = window;
  const next = firstAfter(boundaries, span.start);
  if ((boundaries[next] ?? Infinity) < span.end) return true;
  const cut =
    (span.start === window.start && window.start > 0) || (span.end === window.end && window.end < length);
  const nearNext = (boundaries[next] ?? Infinity) - NEAR_BOUNDARY < span.end;
  const nearLast = (boundaries[next - 1] ?? -Infinity) + NEAR_BOUNDARY > span.start;
  return !cut && (nearNext || nearLast);
}

/** A span of the joined text as one span per chunk it overlaps. */
function perChunk(span: TextSpan, starts: readonly number[], chunks: readonly string[]): ChunkSpan[] {
  const pieces: ChunkSpan[] = [];
  for (let chunk = firstAfter(starts, span.start) - 1; chunk < chunks.length; chunk += 1) {
    const offset = starts[chunk] ?? 0;
    if (offset >= span.end) break;
    const start = Math.max(span.start, offset) - offset;
    const end = Math.min(span.end, offset + (chunks[chunk]?.length ?? 0)) - offset;
    if (end > start) pieces.push({ ...span, chunk, start, end });
  }
  return pieces;
}

/**
 * Secrets split between adjacent chunks that a reader joins (MCP content blocks, stream chunks): a window
 * of up to {@link SIDE} characters on each side of every boundary is scanned, and each span that crosses
 * (or depends on) a boundary comes back cut into one part per chunk, so redacting every part removes the
 * whole secret. Spans within one chunk are left to scanning that chunk. Cost stays linear: each boundary
 * adds at most a few kilobytes.
 */
export function scanSecretsAcross(chunks: readonly string[]): ChunkSpan[] {
  const starts: number[] = [];
  const boundaries: number[] = [];
  let length = 0;
  for (const [index, chunk] of chunks.entries()) {
    starts.push(length);
    if (index > 0 && length > 0 && chunk.length > 0) boundaries.push(length);
    length += chunk.length;
  }
  if (boundaries.length === 0) return [];
  const joined = chunks.join('');
  const found: ChunkSpan[] = [];
  for (const window of windowsAround(joined, boundaries)) {
    for (const span of scanSecrets(joined.slice(window.start, window.end))) {
      const whole = { ...span, start: span.start + window.start, end: span.end + window.start };
      if (keeps(whole, window, length)) found.push(...perChunk(whole, starts, chunks));
    }
  }
  return found;
}
