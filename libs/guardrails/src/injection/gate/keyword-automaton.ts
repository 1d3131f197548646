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
 * second table to learn whether a keyword ended.
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

  /** `alike`: pairs of code units matched as the same one (e.g. newline and space). */
  constructor(keywords: readonly string[], alike: ReadonlyArray<readonly [string, string]> = []) {
    const folded = keywords.map((keyword) => keyword.toLowerCase());
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
    const hits: number[] = [];
    const { symbols, next, acceptingFrom, symbolCount, outputs } = this;
    const length = text.length;
    let at = 0;
    for (let i = 0; i < length; i += 1) {
      at = next[at + symbols[text.charCodeAt(i)]];
      if (at < acceptingFrom) continue;
      for (const keyword of outputs[at / symbolCount]) hits.push(keyword, i + 1);
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
