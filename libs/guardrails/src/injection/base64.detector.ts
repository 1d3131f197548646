import { asciiSet, charRuns } from '../char-runs';
import type { RawSignal } from './injection.types';

/** Shortest blob worth decoding. */
export const MIN_BASE64_LENGTH = 24;
/** A run of the base64 alphabets (standard and URL-safe) of ≥ 16 characters, with its padding. */
const RUN = /[A-Za-z0-9+/_-]{16,}={0,2}/g;
const MIN_RUN = 16;
const ALPHABET = asciiSet('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/_-');

/** The matches of {@link RUN}: the alphabet's runs of 16 or more (see `charRuns`), each with its `=` padding. */
export function alphabetRuns(text: string): Array<{ index: number; value: string }> {
  return charRuns(text, MIN_RUN, ALPHABET).map(([start, end]) => {
    let padded = end;
    while (padded < text.length && padded - end < 2 && text.charCodeAt(padded) === 0x3d) padded += 1;
    return { index: start, value: text.slice(start, padded) };
  });
}

const MAX_DECODED_TOTAL = 1 << 20;

interface Blob {
  start: number;
  end: number;
  value: string;
}

/** Base64 runs, joining MIME-style wrapped lines (a run of ≥ 40 characters followed by one line break). */
export function base64Blobs(text: string): Blob[] {
  const blobs: Blob[] = [];
  for (const run of alphabetRuns(text)) {
    const last = blobs[blobs.length - 1];
    const gap = last ? text.slice(last.end, run.index) : '';
    if (
      last &&
      (gap === '\n' || gap === '\r\n') &&
      last.end - last.start >= 40 &&
      !last.value.endsWith('=')
    ) {
      last.end = run.index + run.value.length;
      last.value += run.value;
    } else blobs.push({ start: run.index, end: run.index + run.value.length, value: run.value });
  }
  return blobs.filter(
    (blob) =>
      blob.value.length >= MIN_BASE64_LENGTH && /[A-Z]/.test(blob.value) && /[a-z0-9]/.test(blob.value),
  );
}

/** Share of characters that are printable text (not controls, not U+FFFD). */
function printableRatio(text: string): number {
  let printable = 0;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    const control = (c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) || (c >= 0x7f && c <= 0x9f);
    if (!control && c !== 0xfffd) printable += 1;
  }
  return text.length === 0 ? 0 : printable / text.length;
}

/** The blob decoded as UTF-8 text, or undefined when it does not decode to readable text. */
export function decodeBase64Text(value: string): string | undefined {
  // Node's base64 decoder accepts both the standard and the URL-safe alphabet.
  const decoded = Buffer.from(value, 'base64').toString('utf8');
  return decoded.length >= 8 && printableRatio(decoded) >= 0.9 && /[a-z]{2}/i.test(decoded)
    ? decoded
    : undefined;
}

/**
 * Decodes base64 blobs and scores the decoded text with `scoreDecoded` (the caller's scanner, one level deep).
 * A blob whose decoded text scores ≥ 0.3 becomes a `base64-encoded-instructions` signal over the blob.
 */
export function base64Signals(text: string, scoreDecoded: (decoded: string) => number): RawSignal[] {
  const out: RawSignal[] = [];
  let budget = MAX_DECODED_TOTAL;
  for (const blob of base64Blobs(text)) {
    if (budget <= 0) break;
    budget -= blob.value.length;
    const decoded = decodeBase64Text(blob.value);
    if (decoded === undefined) continue;
    const score = scoreDecoded(decoded);
    if (score < 0.3) continue;
    const weight = Math.min(0.95, score + 0.1);
    out.push({
      start: blob.start,
      end: blob.end,
      kind: 'base64-encoded-instructions',
      family: 'encoded',
      weight,
    });
  }
  return out;
}

/** @internal Regular expressions of this module, for the linear-time audit in the specs. */
export const BASE64_PATTERNS: readonly RegExp[] = [RUN];
