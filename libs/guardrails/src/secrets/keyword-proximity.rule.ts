import type { TextSpan } from '../text-span';
import type { SecretRule } from './secret.rule';
import { isHex, isPlaceholder, isUuid, looksRandom } from './secret-value.heuristics';
import { cluesFor, type StemHit, type TextClues } from './text.clues';
import { mergedStretches, type Stretch } from './stretches';
import { nextTokenStart, type CandidateRun } from './token-run.finder';

/** A run of token characters (base64, base64url, dots, tildes) with optional `=` padding at its end only; sticky. */
const TOKEN_AT = /(?<![A-Za-z0-9+/=_.~-])[A-Za-z0-9+/_~-][A-Za-z0-9+/_.~-]{11,1023}/y;
const TOKEN_TAIL = /[A-Za-z0-9+/_.~-]*/y;
const PADDING = /={1,2}(?![A-Za-z0-9+/=_.~-])/y;
const KEYWORD =
  /secret|token|passw|pwd|api[-_ ]?key|access[-_ ]?key|private[-_ ]?key|signing[-_ ]?key|credential|bearer|session|cookie|auth(?!or)/gi;
/** What sits between a key and its value; such pairs belong to the assignment rule. */
const ASSIGNMENT_GAP = /^["']?[ \t]*(?::=|=>|[:=])[ \t]*["'`]?$/;
const WINDOW = 48;
/**
 * How far around a secret-ish stem its keyword may reach (`access_key` starts 7 before `key`, `credential`
 * ends 6 after `cred`, `auth` must not be followed by `or`), with slack for stems that overlap.
 */
const KEYWORD_REACH = 16;

/** Path-like tokens (`api/v1/users/12345`) have several all-lowercase word segments; random base64 does not. */
function isPathLike(token: string): boolean {
  return token.split('/').filter((segment) => /^[a-z][a-z-]{2,}$/.test(segment)).length >= 2;
}

/** snake_case or kebab-case identifiers (`add_special_tokens`, `input-tokens-v2`). */
function isIdentifier(token: string): boolean {
  const parts = token.split(/[_-]/);
  return parts.length >= 2 && /^[a-z]/.test(token) && parts.every((part) => /^[a-z0-9]{1,16}$/.test(part));
}

/** True when a secret-ish word precedes `start` on the same line, other than as the key of an assignment. */
function keywordBefore(text: string, start: number): boolean {
  const window = text.slice(Math.max(0, start - WINDOW), start);
  const line = window.slice(window.lastIndexOf('\n') + 1);
  let last: RegExpExecArray | undefined;
  KEYWORD.lastIndex = 0;
  for (let m = KEYWORD.exec(line); m !== null; m = KEYWORD.exec(line)) last = m;
  if (!last) return false;
  const wordEnd = /^[A-Za-z0-9_.-]*/.exec(line.slice(last.index + last[0].length))?.[0].length ?? 0;
  return !ASSIGNMENT_GAP.test(line.slice(last.index + last[0].length + wordEnd));
}

/** A random-looking token; 12 characters suffice when the text ends inside it (first half of a split). */
function candidate(token: string, cutOff: boolean): boolean {
  if (!looksRandom(token.replace(/=+$/, ''), cutOff ? 12 : 20)) return false;
  return !(isHex(token) || isUuid(token) || isPathLike(token) || isIdentifier(token) || isPlaceholder(token));
}

/** What must precede `key` for it to be a keyword (`api key`, `access_key`…); `key` alone is not one. */
const KEY_QUALIFIER = /(?:api|access|private|signing)[-_ ]?$/i;

/**
 * A stem that may be part of a keyword. Code is full of bare `key`s: they are skipped unless qualified
 * (no other stem can hide inside `key`, so nothing is lost by skipping it).
 */
function mayBeKeyword(text: string, stem: StemHit): boolean {
  if (stem.end - stem.start !== 3 || text.slice(stem.start, stem.end).toLowerCase() !== 'key') return true;
  return KEY_QUALIFIER.test(text.slice(Math.max(0, stem.start - 8), stem.start));
}

/** Past this share of the text, keywords are found from the text's secret-ish stems instead of near each run. */
const NEAR_RUNS_SHARE = 0.25;

/** Every keyword match in `text[from, to)`, by where it ends. */
function collectKeywordEnds(text: string, from: number, to: number, ends: number[]): void {
  const stretch = text.slice(from, to);
  KEYWORD.lastIndex = 0;
  for (let m = KEYWORD.exec(stretch); m !== null; m = KEYWORD.exec(stretch)) {
    ends.push(from + m.index + m[0].length);
  }
}

/**
 * The stretches where a keyword that matters can lie: a token is reported only within WINDOW after a keyword,
 * and every token lies in a candidate run, so only the WINDOW (plus a keyword's reach) before each run counts.
 */
function* stretchesBeforeRuns(text: string, runs: readonly CandidateRun[]): Generator<Stretch> {
  for (const run of runs) {
    yield [
      Math.max(0, run.start - WINDOW - 1 - KEYWORD_REACH),
      Math.min(text.length, run.end + KEYWORD_REACH),
    ];
  }
}

/**
 * End offsets of the secret-ish words that may precede a token: the keyword pattern runs on the stretches
 * before the candidate runs, or, when those cover much of the text, on merged stretches around its stems.
 */
function keywordEndOffsets(text: string, clues: TextClues, runs: readonly CandidateRun[]): number[] {
  const ends: number[] = [];
  // Undefined when the stretches cover much of the text.
  const nearRuns = mergedStretches(stretchesBeforeRuns(text, runs), text.length, NEAR_RUNS_SHARE);
  if (nearRuns !== undefined) {
    for (const [from, to] of nearRuns) collectKeywordEnds(text, from, to, ends);
    return ends;
  }
  let from = 0;
  let to = -1;
  for (const stem of clues.stems()) {
    if (!mayBeKeyword(text, stem)) continue;
    const start = Math.max(0, stem.start - KEYWORD_REACH);
    if (start > to) {
      if (to > from) collectKeywordEnds(text, from, to, ends);
      from = start;
    }
    to = Math.min(text.length, stem.end + KEYWORD_REACH);
  }
  if (to > from) collectKeywordEnds(text, from, to, ends);
  return ends;
}

/** The whole token from `start`: the rest of a run longer than the regex cap, `=` padding, no final dots. */
function fullToken(text: string, start: number, head: string): string {
  TOKEN_TAIL.lastIndex = start + head.length;
  const run = head + (TOKEN_TAIL.exec(text)?.[0] ?? '');
  PADDING.lastIndex = start + run.length;
  return (run + (PADDING.exec(text)?.[0] ?? '')).replace(/\.+$/, '');
}

/**
 * Long random-looking tokens shortly after a secret-ish word on the same line (`my api key is 8Fh3…`), for
 * credentials with no known prefix and no `key=` form. Hex hashes, UUIDs, identifiers and paths are left alone.
 * Only the stretch just after each keyword is searched for tokens, each character at most once.
 */
function scanNearKeywords(text: string, clues?: TextClues): TextSpan[] {
  const spans: TextSpan[] = [];
  const textClues = cluesFor(text, clues);
  const runs = textClues.candidateRuns();
  if (runs.length === 0) return spans;
  let searched = 0;
  for (const keywordEnd of keywordEndOffsets(text, textClues, runs)) {
    const to = Math.min(text.length, keywordEnd + WINDOW + 1);
    for (let at = nextTokenStart(text, Math.max(searched, keywordEnd), to); at >= 0; ) {
      TOKEN_AT.lastIndex = at;
      const head = TOKEN_AT.exec(text)?.[0];
      const token = head === undefined ? '' : fullToken(text, at, head);
      searched = Math.max(at + token.length, at + 1);
      const cutOff = at + token.length === text.length;
      if (token !== '' && candidate(token, cutOff) && keywordBefore(text, at)) {
        spans.push({ start: at, end: at + token.length, kind: 'keyword-token', confidence: 0.6 });
      }
      at = nextTokenStart(text, searched, to);
    }
    searched = Math.max(searched, to);
  }
  return spans;
}

/** See {@link scanNearKeywords}. */
export const keywordProximityRule: SecretRule = { id: 'keyword-proximity', scan: scanNearKeywords };
