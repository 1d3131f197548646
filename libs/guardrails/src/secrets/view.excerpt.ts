import type { TextSpan } from '../text-span';
import type { DecodedView } from './decoded.views';
import { widenBack, widenForward } from './window.edges';

/** A text the rules scan, and how a span found in it maps back to the original text (possibly in pieces). */
export interface ScanTarget {
  text: string;
  toOriginal(span: TextSpan): TextSpan[];
}

/**
 * How much text around a changed character a rule may need to see it: a key or keyword before, a value
 * after; and how far apart two windows may be and still be joined (so a value between two escapes, such
 * as a long quoted value between its escaped quotes, is not cut in the middle).
 */
export interface ExcerptMargins {
  before: number;
  /** Before a decoded line break or tab: it starts a line or a value, so only a keyword on its line counts. */
  beforeSpace: number;
  after: number;
  join: number;
}

/**
 * Around a decoded escape: a key (at most ~100 characters with its quote and spaces) or keyword before
 * the value it precedes, the value after it. Values between two escapes (escaped quotes) are joined.
 * A decoded `\n` or `\t` (common in code and logs) needs less before it: a keyword-proximity window (48).
 */
export const DECODED_MARGINS: ExcerptMargins = { before: 128, beforeSpace: 64, after: 128, join: 128 };
const isSpace = (char: string | undefined): boolean =>
  char === '\n' || char === '\r' || char === '\t' || char === ' ';
/** When a window had to widen back to the start of a long token, room for the keyword before that token. */
const LEAD_IN = 64;
/** A window is widened to the edge of the token it cuts, up to this far. */
const MAX_WIDEN = 1024;
/** Between two excerpts: stops every rule (line break, then a character no pattern accepts). */
const SEPARATOR = '\n\u0000\n';
/** Past this share of the view, scanning it whole is cheaper than cutting it up. */
const WHOLE_SHARE = 0.75;
/**
 * A private-key block spans kilobytes with escapes only at its line breaks; a view holding one is scanned
 * whole so the block is never cut (such payloads are rare, and recall matters most there).
 */
const PEM_LABEL = 'PRIVATE KEY';

interface Window {
  start: number;
  end: number;
}

interface Piece extends Window {
  /** Where the piece starts in the excerpt text. */
  at: number;
}

/** Merged stretches of the view around its changes, widened so no token is cut where avoidable. */
function windowsAround(view: DecodedView, margins: ExcerptMargins): Window[] {
  const near: Window[] = [];
  for (const change of view.changes) {
    const last = near[near.length - 1];
    const start = change - (isSpace(view.text[change]) ? margins.beforeSpace : margins.before);
    if (last && start <= last.end + margins.join) last.end = change + 1 + margins.after;
    else near.push({ start, end: change + 1 + margins.after });
  }
  const windows: Window[] = [];
  for (const w of near) {
    const runStart = widenBack(view.text, w.start, MAX_WIDEN);
    const start =
      runStart < w.start ? widenBack(view.text, runStart - LEAD_IN, MAX_WIDEN) : Math.max(0, w.start);
    const end = widenForward(view.text, w.end, MAX_WIDEN);
    const last = windows[windows.length - 1];
    if (last && start <= last.end) last.end = Math.max(last.end, end);
    else windows.push({ start, end });
  }
  return windows;
}

/** Index of the last piece starting at or before `at` in the excerpt (pieces are in order). */
function pieceAt(pieces: readonly Piece[], at: number): number {
  let low = 0;
  let high = pieces.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if ((pieces[middle]?.at ?? 0) <= at) low = middle;
    else high = middle - 1;
  }
  return low;
}

/** A span of the excerpt as spans of the original: one per piece it overlaps (never across a gap). */
function pieceSpans(pieces: readonly Piece[], view: DecodedView, span: TextSpan): TextSpan[] {
  const out: TextSpan[] = [];
  for (let i = pieceAt(pieces, span.start); i < pieces.length; i += 1) {
    const piece = pieces[i];
    if (piece === undefined || piece.at >= span.end) break;
    const start = Math.max(span.start, piece.at);
    const end = Math.min(span.end, piece.at + piece.end - piece.start);
    if (end <= start) continue;
    const from = view.toOriginal(piece.start + start - piece.at);
    const to = view.toOriginal(piece.start + end - piece.at);
    out.push({ ...span, start: from, end: to });
  }
  return out;
}

/**
 * What to scan of a decoded view: away from its changes it reads like the layer below, which is scanned
 * already, so only windows around the changes are joined into one excerpt (whole when they cover most of
 * it, or when it holds a private key). A span that crosses a separator is cut at the edges of its windows.
 */
export function excerptOf(view: DecodedView, margins: ExcerptMargins = DECODED_MARGINS): ScanTarget {
  const windows = windowsAround(view, margins);
  const covered = windows.reduce((sum, w) => sum + w.end - w.start, 0);
  if (covered >= view.text.length * WHOLE_SHARE || view.text.includes(PEM_LABEL)) {
    return {
      text: view.text,
      toOriginal: (span) => [{ ...span, start: view.toOriginal(span.start), end: view.toOriginal(span.end) }],
    };
  }
  const pieces: Piece[] = [];
  const parts: string[] = [];
  let at = 0;
  for (const w of windows) {
    const lead = w.start > 0 ? SEPARATOR : '';
    parts.push(lead, view.text.slice(w.start, w.end));
    pieces.push({ ...w, at: at + lead.length });
    at += lead.length + w.end - w.start;
  }
  if ((windows[windows.length - 1]?.end ?? 0) < view.text.length) parts.push(SEPARATOR);
  return {
    text: parts.join(''),
    toOriginal: (span) => pieceSpans(pieces, view, span),
  };
}
