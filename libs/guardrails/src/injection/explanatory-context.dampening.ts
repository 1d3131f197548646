import type { RawSignal, SignalFamily } from './injection.types';
import { quotedAt } from './quotes.context';

/** Facts about the whole normalized text that decide how much a match counts. */
export interface TextContext {
  text: string;
  /** `[start, end)` ranges inside fenced code blocks. */
  fences: Array<[number, number]>;
  /** The text discusses attacks (≥ 3 distinct security terms): quoted payloads are likely examples. */
  discussesAttacks: boolean;
  /** The text looks like source code (≥ 2 distinct code idioms). */
  looksLikeCode: boolean;
  /** `[start, end)` of every explanatory cue word, in order. */
  cues: Array<[number, number]>;
}

const UNDAMPED: ReadonlySet<SignalFamily> = new Set<SignalFamily>(['hidden', 'obfuscation', 'encoded']);
/** Explanatory cue words; a cue inside a URL, address, identifier or JSON string (`vendor.example`) does not count. */
const CUE_SOURCE =
  /(?<![\w.@/"'-])(?:such as|e\.g\.|for example|for instance|examples?|known as|phrases?|strings?|wording|payloads?|attacks?|attackers?|adversar\w{0,10}|malicious|injections?|detect\w{0,5}|flags?|filter\w{0,5}|classif\w{0,10}|looks for|patterns?|markers|tokens|sequences|test case|red[- ]team\w{0,5}|typically|typical|classic|something like|if (?:a|an|the|any) (?:tool|website|page|email|message|document|server) (?:asks|tells|instructs|says)|(?:phrases?|strings?|text|things|payloads?|claims|prompts?) like)(?![\w@/"'-]|\.\w)/i;
const CUE = new RegExp(CUE_SOURCE.source, 'gi');
const SECURITY_TERMS =
  /\b(?:prompt injection|tool poisoning|jailbreak|red[- ]team|attacker|adversarial|mitigation|vulnerabilit|owasp|exfiltration|threat model|malicious|defen[cs]e|security researcher|payload)/gi;
const CODE_IDIOMS: readonly RegExp[] = [
  /\bdef \w{1,40}\(/,
  /\bfunction\b|=>/,
  /\breturn\b/,
  /\b(?:const|let|var) \w{1,40} ?=/,
  /\bimport\b[^\n]{0,80}\bfrom\b|^import /m,
  /\bexpect\(|\bassert\w{0,10}\(/,
  /;\n|\{\n|\n\}/,
  /\b(?:fn|func) \w{1,40}\(/,
  /\bf"|"""/,
];

/** Ranges of fenced code blocks (``` or ~~~ at a line start; an unterminated fence runs to the end). */
function fencedRanges(text: string): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  const fence = /(?:^|\n) ?(?:```|~~~)/g;
  let open = -1;
  for (let m = fence.exec(text); m !== null; m = fence.exec(text)) {
    if (open < 0) open = m.index;
    else {
      ranges.push([open, m.index + m[0].length]);
      open = -1;
    }
  }
  if (open >= 0) ranges.push([open, text.length]);
  return ranges;
}

/** Analyses `text` once; the result is shared by every signal. */
export function analyzeContext(text: string): TextContext {
  const terms = new Set((text.match(SECURITY_TERMS) ?? []).map((term) => term.toLowerCase()));
  const idioms = CODE_IDIOMS.filter((idiom) => idiom.test(text)).length;
  const cues: Array<[number, number]> = [];
  CUE.lastIndex = 0;
  for (let m = CUE.exec(text); m !== null; m = CUE.exec(text)) cues.push([m.index, m.index + m[0].length]);
  return {
    text,
    fences: fencedRanges(text),
    discussesAttacks: terms.size >= 3,
    looksLikeCode: idioms >= 2,
    cues,
  };
}

/** Index of the first cue starting at or after `from` (binary search). */
function firstCueFrom(cues: ReadonlyArray<[number, number]>, from: number): number {
  let low = 0;
  let high = cues.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (cues[mid][0] < from) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** A cue word within 90 characters before the match or 50 after it. */
function cueNear(ctx: TextContext, start: number, end: number): boolean {
  for (let i = firstCueFrom(ctx.cues, start - 90); i < ctx.cues.length; i += 1) {
    const [cueStart, cueEnd] = ctx.cues[i];
    if (cueStart >= end + 50) return false;
    if (cueEnd <= start || (cueStart >= end && cueEnd <= end + 50)) return true;
  }
  return false;
}

/** Binary search over the (sorted, disjoint) fence ranges. */
function inFence(ctx: TextContext, index: number): boolean {
  let low = 0;
  let high = ctx.fences.length - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    const [start, end] = ctx.fences[mid];
    if (index < start) high = mid - 1;
    else if (index >= end) low = mid + 1;
    else return true;
  }
  return false;
}

/** The text of the current line before `index`, at most `max` characters. */
export function lineBefore(text: string, index: number, max: number): string {
  const window = text.slice(Math.max(0, index - max), index);
  return window.slice(window.lastIndexOf('\n') + 1);
}

/** Inside `inline code`: an odd number of backticks before the match on its line, and one after it. */
function inInlineCode(text: string, start: number, end: number): boolean {
  const before = lineBefore(text, start, 200);
  let ticks = 0;
  for (let i = before.indexOf('`'); i >= 0; i = before.indexOf('`', i + 1)) ticks += 1;
  if (ticks % 2 === 0) return false;
  const after = text.slice(end, end + 200);
  const close = after.indexOf('`');
  return close >= 0 && !after.slice(0, close).includes('\n');
}

/** Multiplier 0.15–1 for a signal: code, quotes, explanatory cue words and attack discussion dampen it. */
export function contextMultiplier(signal: RawSignal, ctx: TextContext): number {
  if (UNDAMPED.has(signal.family)) return 1;
  const { text } = ctx;
  let factor = 1;
  if (inFence(ctx, signal.start) || inInlineCode(text, signal.start, signal.end)) factor *= 0.4;
  else if (quotedAt(text, signal.start, signal.end)) factor *= 0.6;
  if (cueNear(ctx, signal.start, signal.end)) factor *= 0.5;
  if (ctx.discussesAttacks) factor *= 0.7;
  if (ctx.looksLikeCode) factor *= 0.6;
  return Math.max(0.15, factor);
}

/** @internal Regular expressions of this module, for the linear-time audit in the specs. */
export const CONTEXT_PATTERNS: readonly RegExp[] = [CUE, SECURITY_TERMS, ...CODE_IDIOMS];
