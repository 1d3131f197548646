import { hiddenClass, mayHoldHiddenCharacters, type HiddenClass } from './hidden-characters.normalize';
import type { RawSignal } from './injection.types';

const PICTOGRAPHIC = /\p{Extended_Pictographic}|[\u{1F3FB}-\u{1F3FF}]|\uFE0F/u;
/** Letters of scripts that use ZWJ/ZWNJ legitimately (Arabic, Indic, Southeast Asian, …): not Latin/Greek/Cyrillic. */
const JOINING_SCRIPT = /[\p{L}\p{M}]/u;
const LGC = /[\p{Script=Latin}\p{Script=Greek}\p{Script=Cyrillic}]/u;
const RTL = /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]/;
const LETTER = /\p{L}/u;
const BLACK_FLAG = 0x1f3f4;

interface HiddenRun {
  cls: HiddenClass;
  start: number;
  end: number;
  count: number;
  /** More than one distinct code point (e.g. ZWSP/ZWNJ alternating: binary steganography). */
  mixed: boolean;
}

function codePointBefore(text: string, i: number): string {
  if (i <= 0) return '';
  const low = text.charCodeAt(i - 1);
  return low >= 0xdc00 && low <= 0xdfff && i >= 2 ? text.slice(i - 2, i) : text.slice(i - 1, i);
}

function codePointAt(text: string, i: number): string {
  const cp = text.codePointAt(i);
  return cp === undefined ? '' : String.fromCodePoint(cp);
}

/** A joiner between two letters of a script that needs it (Persian ZWNJ, Devanagari ZWJ, …). */
function isScriptJoiner(before: string, after: string): boolean {
  const ok = (c: string) => JOINING_SCRIPT.test(c) && !LGC.test(c);
  return ok(before) && ok(after);
}

/** Code points with legitimate uses: BOM, ZWNJ, ZWJ, LRM, RLM, ALM. */
const MAYBE_BENIGN = new Set([0xfeff, 0x200c, 0x200d, 0x200e, 0x200f, 0x061c]);

/** Legitimate uses that are not reported (they are still stripped before matching). */
function isBenignHidden(text: string, i: number, cp: number, end: number): boolean {
  if (!MAYBE_BENIGN.has(cp)) return false;
  if (cp === 0xfeff) return i === 0;
  const before = codePointBefore(text, i);
  const after = codePointAt(text, end);
  if (cp === 0x200d && PICTOGRAPHIC.test(before) && PICTOGRAPHIC.test(after)) return true;
  if (cp === 0x200c || cp === 0x200d) return isScriptJoiner(before, after);
  return RTL.test(before) || RTL.test(after);
}

/** Separate runs reported per class; see `hiddenRuns`. */
const MAX_RUNS_PER_CLASS = 1_000;

/** Runs of reportable hidden characters, one per class, merged when adjacent. */
function hiddenRuns(text: string): HiddenRun[] {
  const runs: HiddenRun[] = [];
  if (!mayHoldHiddenCharacters(text)) return runs;
  const latest = new Map<HiddenClass, HiddenRun>();
  const perClass = new Map<HiddenClass, number>();
  for (let i = 0; i < text.length; ) {
    const cp = text.codePointAt(i) as number;
    const width = cp > 0xffff ? 2 : 1;
    const cls = hiddenClass(cp);
    if (cls !== undefined && !isBenignHidden(text, i, cp, i + width)) {
      const last = latest.get(cls);
      // Past the cap, further hidden characters of a class extend its latest run (visible text between
      // included): hostile text with one per letter must not cost an object per character.
      if (last && (last.end === i || (perClass.get(cls) ?? 0) >= MAX_RUNS_PER_CLASS)) {
        last.mixed ||= text.codePointAt(last.start) !== cp;
        last.end = i + width;
        last.count += 1;
      } else {
        const run: HiddenRun = { cls, start: i, end: i + width, count: 1, mixed: false };
        runs.push(run);
        latest.set(cls, run);
        perClass.set(cls, (perClass.get(cls) ?? 0) + 1);
      }
    }
    i += width;
  }
  return runs;
}

/** Tag runs that spell a subdivision flag (🏴 + tag letters + cancel tag) are emoji, not smuggling. */
function isFlagSequence(text: string, run: HiddenRun): boolean {
  return text.codePointAt(run.start - 2) === BLACK_FLAG && text.codePointAt(run.end - 2) === 0xe007f;
}

/** Between two letters: the character splits a word (defeats keyword filters). */
function splitsWord(text: string, run: HiddenRun): boolean {
  return LETTER.test(codePointBefore(text, run.start)) && LETTER.test(codePointAt(text, run.end));
}

/**
 * Zero-width characters: 0.7 for runs of ≥ 3, mixed runs, or ≥ 2 word-splitting runs; 0.4 for a stray one
 * (real READMEs contain stray ZWSPs, e.g. inside inline code or after copy-paste).
 */
function zeroWidthWeight(run: HiddenRun, wordSplits: number): number {
  return run.count >= 3 || run.mixed || wordSplits >= 2 ? 0.7 : 0.4;
}

function runWeight(run: HiddenRun, total: number, text: string, wordSplits: number): number {
  switch (run.cls) {
    case 'tag':
      return 0.9;
    case 'variation-selector':
      return run.count >= 2 ? 0.6 : 0.3;
    case 'bidi': {
      const cp = text.codePointAt(run.start) as number;
      return cp === 0x202d || cp === 0x202e ? 0.7 : 0.5;
    }
    case 'mark':
      return 0.3;
    case 'zero-width':
      return zeroWidthWeight(run, wordSplits);
    case 'soft-hyphen':
      return total >= 3 ? 0.45 : 0.3;
  }
}

/** Invisible-character findings of one text. */
export interface HiddenFindings {
  /** One signal per run of hidden characters, in original-string offsets. */
  signals: RawSignal[];
  /** Tag-character runs long enough to carry a message, decoded to ASCII. */
  smuggled: Array<{ start: number; end: number; decoded: string }>;
}

/** The signal kind of each class, built once: a text can hold tens of thousands of runs. */
const KIND_OF: Readonly<Record<HiddenClass, string>> = {
  tag: 'hidden-tag',
  bidi: 'hidden-bidi',
  mark: 'hidden-mark',
  'zero-width': 'hidden-zero-width',
  'soft-hyphen': 'hidden-soft-hyphen',
  'variation-selector': 'hidden-variation-selector',
};

/** Signals for invisible characters and the messages smuggled in Unicode tag characters. */
export function findHiddenCharacters(text: string): HiddenFindings {
  const runs = hiddenRuns(text).filter((run) => !(run.cls === 'tag' && isFlagSequence(text, run)));
  const totals = new Map<HiddenClass, number>();
  for (const run of runs) totals.set(run.cls, (totals.get(run.cls) ?? 0) + run.count);
  const wordSplits = runs.filter((run) => run.cls === 'zero-width' && splitsWord(text, run)).length;
  const signals = runs.map(
    (run): RawSignal => ({
      start: run.start,
      end: run.end,
      kind: KIND_OF[run.cls],
      family: 'hidden',
      weight: runWeight(run, totals.get(run.cls) ?? 0, text, wordSplits),
    }),
  );
  const smuggled = runs
    .filter((run) => run.cls === 'tag' && run.count >= 4)
    .map((run) => ({ start: run.start, end: run.end, decoded: decodeTagRun(text, run.start, run.end) }));
  return { signals, smuggled };
}

/** ASCII text carried by a run of Unicode tag characters (the "ASCII smuggling" trick). */
export function decodeTagRun(text: string, start: number, end: number): string {
  let out = '';
  for (let i = start; i < end; i += 2) {
    const cp = text.codePointAt(i) as number;
    if (cp >= 0xe0020 && cp <= 0xe007e) out += String.fromCharCode(cp - 0xe0000);
  }
  return out;
}

const MIXED_SCRIPT = /[A-Za-z][\u0370-\u03ff\u0400-\u052f]|[\u0370-\u03ff\u0400-\u052f][A-Za-z]/g;
const WORD_CHAR = /[\p{L}\p{M}\p{N}]/u;

/** End of the word containing `index`. */
function wordEnd(text: string, index: number): number {
  let end = index;
  while (end < text.length && WORD_CHAR.test(text[end])) end += 1;
  return end;
}

/** Words mixing Latin with Greek/Cyrillic letters (homoglyph spoofing), one signal per word, original offsets. */
export function mixedScriptSignals(text: string): RawSignal[] {
  const out: RawSignal[] = [];
  MIXED_SCRIPT.lastIndex = 0;
  for (let m = MIXED_SCRIPT.exec(text); m !== null; m = MIXED_SCRIPT.exec(text)) {
    const end = Math.max(m.index + 2, wordEnd(text, m.index + 2));
    out.push({ start: m.index, end, kind: 'mixed-script-word', family: 'obfuscation', weight: 0.4 });
    MIXED_SCRIPT.lastIndex = end;
  }
  return out;
}

/** @internal Regular expressions of this module, for the linear-time audit in the specs. */
export const HIDDEN_PATTERNS: readonly RegExp[] = [
  MIXED_SCRIPT,
  PICTOGRAPHIC,
  JOINING_SCRIPT,
  LGC,
  RTL,
  LETTER,
  WORD_CHAR,
];
