import { CodeUnitBuffer } from '../../code-units';

/** Texts from this length on are walked in quarters (see `scanQuarters`); shorter ones gain nothing. */
const MIN_QUARTERED = 4096;

/** The trie of the keywords with its failure-resolved transitions, states numbered in creation order. */
interface Trie {
  /** `next[state * symbolCount + symbol]`: the state reached. */
  next: Int32Array;
  /** Keywords ending at each state, including those reached through failure links. */
  outputs: number[][];
}

/**
 * Aho–Corasick automaton over case-folded UTF-16 code units: finds every occurrence of every keyword in one
 * pass, whatever the number of keywords. Code units that occur in no keyword share one symbol, so the dense
 * transition table stays small.
 *
 * The scan loop is the hot path of every injection check, so each step is one table read and one compare:
 * states are numbered with every accepting state after every other one, and the table holds each target's
 * row offset (`state * symbolCount`) rather than its number, so the loop neither multiplies nor reads a
 * second table to learn whether a keyword ended. On long texts the loop reads the code units from a typed
 * array (`CodeUnitBuffer`) rather than through `charCodeAt`, which costs more than the rest of the step.
 */
export class KeywordAutomaton {
  /** Symbol of each code unit (0: in no keyword), case-folded. */
  private readonly symbols = new Uint16Array(0x10000);
  private readonly symbolCount: number;
  /** `next[offset + symbol]`: the row offset of the state reached from the state at row `offset`. */
  private readonly next: Int32Array;
  /** Row offsets from here on belong to states where some keyword ends. */
  private readonly acceptingFrom: number;
  /** Keywords ending at each state (by renumbered state). */
  private readonly outputs: number[][];
  /** The longest keyword's length. */
  private readonly longest: number;
  private readonly codeUnits = new CodeUnitBuffer();

  /** `alike`: pairs of code units matched as the same one (e.g. newline and space). */
  constructor(keywords: readonly string[], alike: ReadonlyArray<readonly [string, string]> = []) {
    const folded = keywords.map((keyword) => keyword.toLowerCase());
    this.longest = Math.max(0, ...folded.map((keyword) => keyword.length));
    this.symbolCount = this.assignSymbols(folded) + 1;
    for (const [unit, as] of alike) this.symbols[unit.charCodeAt(0)] = this.symbols[as.charCodeAt(0)];
    const trie = this.buildTrie(folded);
    this.resolveFailures(trie);
    // Root (state 0) accepts nothing, so it keeps number 0; accepting states go last.
    const order = trie.outputs.map((_, state) => state);
    const accepting = (state: number) => trie.outputs[state].length > 0;
    const renumbered = [...order.filter((state) => !accepting(state)), ...order.filter(accepting)];
    const numberOf = new Int32Array(renumbered.length);
    renumbered.forEach((state, number) => (numberOf[state] = number));
    const { symbolCount } = this;
    this.next = new Int32Array(trie.next.length);
    renumbered.forEach((state, number) => {
      for (let symbol = 0; symbol < symbolCount; symbol += 1) {
        this.next[number * symbolCount + symbol] =
          numberOf[trie.next[state * symbolCount + symbol]] * symbolCount;
      }
    });
    this.acceptingFrom = renumbered.findIndex(accepting) * symbolCount;
    if (this.acceptingFrom < 0) this.acceptingFrom = this.next.length;
    this.outputs = renumbered.map((state) => trie.outputs[state]);
  }

  /**
   * Every keyword occurrence in `text`, in order of where it ends, as flat pairs: `[keyword, end, keyword,
   * end, …]` (no object per hit: ordinary text can hold thousands of short keywords inside longer words).
   */
  scan(text: string): number[] {
    if (text.length < Math.max(MIN_QUARTERED, 8 * this.longest)) return this.scanInOneWalk(text);
    return this.scanQuarters(this.codeUnits.view(text));
  }

  /** One walk, reading through `charCodeAt`: for short texts, copying the code units first costs more. */
  private scanInOneWalk(text: string): number[] {
    const hits: number[] = [];
    const { symbols, next, acceptingFrom, symbolCount, outputs } = this;
    let at = 0;
    for (let i = 0; i < text.length; i += 1) {
      at = next[at + symbols[text.charCodeAt(i)]];
      if (at < acceptingFrom) continue;
      for (const keyword of outputs[at / symbolCount]) hits.push(keyword, i + 1);
    }
    return hits;
  }

  /**
   * `scan` as four walks in one loop, one per quarter of the text: each step of a walk waits for the table
   * read of the step before, and four independent walks let the processor overlap those waits. The state
   * after a character depends only on the last `longest` characters (no keyword is longer), so the walks of
   * the later quarters start that far back and reach the same states a single walk would.
   */
  private scanQuarters(units: Uint16Array): number[] {
    const { symbols, next, acceptingFrom, longest } = this;
    const quarter = units.length >> 2;
    const q1 = quarter;
    const q2 = 2 * quarter;
    const q3 = 3 * quarter;
    const h0: number[] = [];
    const h1: number[] = [];
    const h2: number[] = [];
    const h3: number[] = [];
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    for (let i = -longest; i < 0; i += 1) {
      s1 = next[s1 + symbols[units[q1 + i]]];
      s2 = next[s2 + symbols[units[q2 + i]]];
      s3 = next[s3 + symbols[units[q3 + i]]];
    }
    for (let i = 0; i < quarter; i += 1) {
      s0 = next[s0 + symbols[units[i]]];
      s1 = next[s1 + symbols[units[q1 + i]]];
      s2 = next[s2 + symbols[units[q2 + i]]];
      s3 = next[s3 + symbols[units[q3 + i]]];
      if (s0 >= acceptingFrom) h0.push(s0, i + 1);
      if (s1 >= acceptingFrom) h1.push(s1, q1 + i + 1);
      if (s2 >= acceptingFrom) h2.push(s2, q2 + i + 1);
      if (s3 >= acceptingFrom) h3.push(s3, q3 + i + 1);
    }
    // The last walk goes on over what the division left (up to three characters).
    for (let i = q3 + quarter; i < units.length; i += 1) {
      s3 = next[s3 + symbols[units[i]]];
      if (s3 >= acceptingFrom) h3.push(s3, i + 1);
    }
    return this.keywordHits([h0, h1, h2, h3]);
  }

  /**
   * The walks' `[state, end, …]` pairs of accepting states, in walk order, as `[keyword, end, …]` pairs, one
   * per keyword ending there.
   */
  private keywordHits(walks: ReadonlyArray<readonly number[]>): number[] {
    const { outputs, symbolCount } = this;
    const hits: number[] = [];
    for (const stateHits of walks) {
      for (let h = 0; h < stateHits.length; h += 2) {
        for (const keyword of outputs[stateHits[h] / symbolCount]) hits.push(keyword, stateHits[h + 1]);
      }
    }
    return hits;
  }

  private assignSymbols(keywords: readonly string[]): number {
    let count = 0;
    for (const keyword of keywords) {
      for (let i = 0; i < keyword.length; i += 1) {
        const unit = keyword.charCodeAt(i);
        if (this.symbols[unit] !== 0) continue;
        count += 1;
        this.symbols[unit] = count;
        const upper = String.fromCharCode(unit).toUpperCase();
        if (upper.length === 1) this.symbols[upper.charCodeAt(0)] = count;
      }
    }
    return count;
  }

  private buildTrie(keywords: readonly string[]): Trie {
    const { symbolCount, symbols } = this;
    const maxStates = 1 + keywords.reduce((sum, keyword) => sum + keyword.length, 0);
    const next = new Int32Array(maxStates * symbolCount).fill(-1);
    const outputs: number[][] = [[]];
    keywords.forEach((keyword, index) => {
      let state = 0;
      for (let i = 0; i < keyword.length; i += 1) {
        const slot = state * symbolCount + symbols[keyword.charCodeAt(i)];
        if (next[slot] < 0) {
          next[slot] = outputs.length;
          outputs.push([]);
        }
        state = next[slot];
      }
      outputs[state].push(index);
    });
    return { next: next.slice(0, outputs.length * symbolCount), outputs };
  }

  /** Breadth-first: each state's missing transitions are its failure state's (the classic construction). */
  private resolveFailures({ next, outputs }: Trie): void {
    const { symbolCount } = this;
    const fail = new Int32Array(outputs.length);
    const queue: number[] = [];
    for (let symbol = 0; symbol < symbolCount; symbol += 1) {
      const target = next[symbol];
      if (target < 0) next[symbol] = 0;
      else queue.push(target);
    }
    for (let head = 0; head < queue.length; head += 1) {
      const state = queue[head];
      const failure = fail[state];
      if (failure !== 0) outputs[state].push(...outputs[failure]);
      for (let symbol = 0; symbol < symbolCount; symbol += 1) {
        const slot = state * symbolCount + symbol;
        const viaFailure = next[failure * symbolCount + symbol];
        const target = next[slot];
        if (target < 0) {
          next[slot] = viaFailure;
        } else {
          fail[target] = viaFailure;
          queue.push(target);
        }
      }
    }
  }
}
