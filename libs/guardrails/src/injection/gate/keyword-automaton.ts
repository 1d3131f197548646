/**
 * Aho–Corasick automaton over case-folded UTF-16 code units: finds every occurrence of every keyword in one
 * pass, whatever the number of keywords. Code units that occur in no keyword share one symbol, so the dense
 * transition table stays small; the scan loop is one table lookup per code unit.
 */
export class KeywordAutomaton {
  /** Symbol of each code unit (0: in no keyword), case-folded. */
  private readonly symbols = new Uint16Array(0x10000);
  private readonly symbolCount: number;
  /**
   * `next[state * symbolCount + symbol]`: the full (failure-resolved) transition function. Built in
   * `building` and assigned once, so the scan loop only ever sees one array type (it stays fast).
   */
  private readonly next: Int32Array;
  /** 1 for states where some keyword ends (the scan loop reads this small table, not `outputs`). */
  private readonly accepting: Uint8Array;
  private building: Int32Array;
  /** Keywords ending at each state, including those reached through failure links. */
  private readonly outputs: number[][] = [[]];

  /** `alike`: pairs of code units matched as the same one (e.g. newline and space). */
  constructor(keywords: readonly string[], alike: ReadonlyArray<readonly [string, string]> = []) {
    const folded = keywords.map((keyword) => keyword.toLowerCase());
    this.symbolCount = this.assignSymbols(folded) + 1;
    for (const [unit, as] of alike) this.symbols[unit.charCodeAt(0)] = this.symbols[as.charCodeAt(0)];
    const maxStates = 1 + folded.reduce((sum, keyword) => sum + keyword.length, 0);
    this.building = new Int32Array(maxStates * this.symbolCount).fill(-1);
    this.buildTrie(folded);
    this.building = this.building.slice(0, this.outputs.length * this.symbolCount);
    this.resolveFailures();
    this.next = this.building;
    this.building = new Int32Array(0);
    this.accepting = Uint8Array.from(this.outputs, (found) => (found.length > 0 ? 1 : 0));
  }

  /**
   * Every keyword occurrence in `text`, in order of where it ends, as flat pairs: `[keyword, end, keyword,
   * end, …]` (no object per hit: ordinary text can hold thousands of short keywords inside longer words).
   */
  scan(text: string): number[] {
    const hits: number[] = [];
    const { symbols, next, accepting, symbolCount, outputs } = this;
    const length = text.length;
    let state = 0;
    for (let i = 0; i < length; i += 1) {
      state = next[state * symbolCount + (symbols[text.charCodeAt(i)] ?? 0)] ?? 0;
      if (accepting[state] !== 1) continue;
      for (const keyword of outputs[state] ?? []) hits.push(keyword, i + 1);
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

  private buildTrie(keywords: readonly string[]): void {
    keywords.forEach((keyword, index) => {
      let state = 0;
      for (let i = 0; i < keyword.length; i += 1) {
        const slot = state * this.symbolCount + (this.symbols[keyword.charCodeAt(i)]);
        if ((this.building[slot]) < 0) {
          this.building[slot] = this.outputs.length;
          this.outputs.push([]);
        }
        state = this.building[slot];
      }
      this.outputs[state]?.push(index);
    });
  }

  /** Breadth-first: each state's missing transitions are its failure state's (the classic construction). */
  private resolveFailures(): void {
    const { building: next, symbolCount } = this;
    const fail = new Int32Array(this.outputs.length);
    const queue: number[] = [];
    for (let symbol = 0; symbol < symbolCount; symbol += 1) {
      const target = next[symbol];
      if (target < 0) next[symbol] = 0;
      else queue.push(target);
    }
    for (let head = 0; head < queue.length; head += 1) {
      const state = queue[head];
      const failure = fail[state];
      if (failure !== 0) this.outputs[state]?.push(...(this.outputs[failure]));
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
