import { mergedStretches, type Stretch } from './stretches';
import { candidateRuns, MIN_LISTED_RUN, tokenRuns, type CandidateRun } from './token-run.finder';
import { tokenRunsView, type TokenRunsView } from './token-runs.view';

/** Where a secret-ish word stem (`token`, `Pass`, `KEY`…) occurs: `[start, end)`. */
export interface StemHit {
  start: number;
  end: number;
}

/**
 * Every word stem that a secret-ish key or keyword contains, case-insensitive: the assignment and
 * keyword-proximity rules only look near these. Finding them is the costliest clue (a pattern that cannot
 * skip ahead), so rules ask for the stems near their own anchors when they can.
 */
const SECRET_STEMS =
  /pass|secret|key|token|pwd|auth|cred|sig|cookie|session|conn|webhook|dsn|jwt|bearer|otp|psk|private|salt/gi;
/** English letters from the most to the least frequent: `indexOf` skips fastest to a rare first letter. */
const LETTERS_BY_FREQUENCY = 'etaoinshrdlcumwfgypbvkjxqz';

/** Offset of the least frequent letter of a lower-case word. */
function rarestLetterAt(word: string): number {
  let best = 0;
  for (let i = 1; i < word.length; i += 1) {
    if (LETTERS_BY_FREQUENCY.indexOf(word[i] ?? '') > LETTERS_BY_FREQUENCY.indexOf(word[best] ?? ''))
      best = i;
  }
  return best;
}

/** Past this share of the text, finding stems in windows costs more than one pass over everything. */
const WINDOWED_SHARE = 0.25;

function findStems(text: string, from: number, to: number, hits: StemHit[]): void {
  const stretch = from === 0 && to === text.length ? text : text.slice(from, to);
  SECRET_STEMS.lastIndex = 0;
  for (let m = SECRET_STEMS.exec(stretch); m !== null; m = SECRET_STEMS.exec(stretch)) {
    hits.push({ start: from + m.index, end: from + m.index + m[0].length });
  }
}

/**
 * Facts about one text that several rules need to decide where (or whether) to look, computed once and
 * only when asked: `includes` probes, pattern matches, word positions and the secret-ish stems. They are
 * necessary conditions for a match, never sufficient, so a rule stays correct with fresh ones.
 */
export class TextClues {
  private readonly probes = new Map<string, boolean>();
  private readonly runViews = new Map<number, { view: TokenRunsView; clues: TextClues } | undefined>();
  private longRuns: Array<[number, number]> | undefined;
  private candidates: CandidateRun[] | undefined;
  private readonly found = new Map<RegExp, string[]>();
  private lower: string | null | undefined;
  private allStems: StemHit[] | undefined;

  constructor(readonly text: string) {}

  /** Whether `literal` occurs in the text (memoised: vendor shapes share probes such as `_` and `-`). */
  has(literal: string): boolean {
    let found = this.probes.get(literal);
    if (found === undefined) {
      found = this.text.includes(literal);
      this.probes.set(literal, found);
    }
    return found;
  }

  /** Every run of at least MIN_LISTED_RUN (12) token characters, `[start, end)` in order; one pass, memoised. */
  tokenRuns(): ReadonlyArray<readonly [number, number]> {
    this.longRuns ??= tokenRuns(this.text, MIN_LISTED_RUN);
    return this.longRuns;
  }

  /** The token runs that may hold a random token: those with a digit or symbol (see `candidateRuns`). */
  candidateRuns(): readonly CandidateRun[] {
    this.candidates ??= candidateRuns(this.text, this.tokenRuns());
    return this.candidates;
  }

  /**
   * The runs of at least `min` (≥ 12) token characters joined into a text of their own, with its clues
   * (memoised), or undefined when they make up most of this text (see `tokenRunsView`).
   */
  runsView(min: number): { view: TokenRunsView; clues: TextClues } | undefined {
    if (min < MIN_LISTED_RUN) throw new RangeError(`runs shorter than ${MIN_LISTED_RUN} are not listed`);
    if (!this.runViews.has(min)) {
      const runs = this.tokenRuns().filter(([start, end]) => end - start >= min);
      const view = tokenRunsView(this.text, runs);
      this.runViews.set(min, view && { view, clues: new TextClues(view.text) });
    }
    return this.runViews.get(min);
  }

  /**
   * Every string a global `pattern` matches in the text, overlapping matches included (a match does not
   * hide one that starts inside it); memoised per pattern.
   */
  matches(pattern: RegExp): readonly string[] {
    let all = this.found.get(pattern);
    if (all === undefined) {
      all = [];
      pattern.lastIndex = 0;
      for (let m = pattern.exec(this.text); m !== null; m = pattern.exec(this.text)) {
        all.push(m[0]);
        pattern.lastIndex = m.index + 1;
      }
      this.found.set(pattern, all);
    }
    return all;
  }

  /**
   * Where the lower-case ASCII `word` occurs in any letter case, in order. `indexOf` on a lower-cased copy
   * skips ahead far faster than a case-insensitive pattern, the more so from the word's rarest letter
   * (`ken` of `token`); undefined when lower-casing would move offsets (some non-ASCII letters lengthen),
   * and the caller must search another way.
   */
  wordAt(word: string): number[] | undefined {
    if (this.lower === undefined) {
      const lower = this.text.toLowerCase();
      this.lower = lower.length === this.text.length ? lower : null;
    }
    const lower = this.lower;
    if (lower === null) return undefined;
    const skip = rarestLetterAt(word);
    const anchor = word.slice(skip);
    const at: number[] = [];
    for (let i = lower.indexOf(anchor, skip); i >= 0; i = lower.indexOf(anchor, i + 1)) {
      if (skip === 0 || lower.startsWith(word, i - skip)) at.push(i - skip);
    }
    return at;
  }

  /** Every secret-ish stem, in order; overlapping stems report the first one only. */
  stems(): readonly StemHit[] {
    if (this.allStems === undefined) {
      this.allStems = [];
      findStems(this.text, 0, this.text.length, this.allStems);
    }
    return this.allStems;
  }

  /**
   * The stems lying within `reach` characters before an occurrence of one of the `anchors` characters, in
   * order; possibly more. Only those stretches are searched, unless they cover much of the text.
   */
  stemsBefore(anchors: string, reach: number): readonly StemHit[] {
    if (this.allStems !== undefined) return this.allStems;
    const windows = mergedStretches(
      stretchesBefore(anchorOffsets(this.text, anchors), reach),
      this.text.length,
      WINDOWED_SHARE,
    );
    if (windows === undefined) return this.stems();
    const hits: StemHit[] = [];
    for (const [from, to] of windows) findStems(this.text, from, to, hits);
    return hits;
  }
}

/** The `reach` characters before each anchor. */
function* stretchesBefore(anchors: Iterable<number>, reach: number): Generator<Stretch> {
  for (const anchor of anchors) yield [Math.max(0, anchor - reach), anchor];
}

/** Offsets of every occurrence of any of `chars`, in order, found with one `indexOf` cursor per character. */
function* anchorOffsets(text: string, chars: string): Generator<number> {
  const next = [...chars].map((char) => text.indexOf(char));
  for (;;) {
    let lowest = -1;
    for (let i = 0; i < next.length; i += 1) {
      const at = next[i] ?? -1;
      if (at >= 0 && (lowest < 0 || at < (next[lowest] ?? 0))) lowest = i;
    }
    if (lowest < 0) return;
    const at = next[lowest] ?? 0;
    yield at;
    next[lowest] = text.indexOf(chars[lowest] ?? '', at + 1);
  }
}

/** The clues to use: the caller's, or fresh ones when a rule is run on its own. */
export function cluesFor(text: string, clues: TextClues | undefined): TextClues {
  return clues !== undefined && clues.text === text ? clues : new TextClues(text);
}
