import type { RawSignal } from '../injection.types';
import type { PatternRule } from '../pattern.rules';
import { KeywordAutomaton } from './keyword-automaton';
import { maxMatchWidth } from './match-width';
import { gateLiterals, type RequiredLiteral } from './required-literals';

/**
 * Characters of context kept on each side of a window: covers the rules' look-behinds, look-aheads, `\b`,
 * anchors and accept-callbacks that peek before the match (negation checks read 24 characters back).
 */
const CONTEXT = 64;

interface GatedRule {
  rule: PatternRule;
  /** Longest match the rule's pattern can produce; windows around a keyword hit reach this far. */
  width: number;
  /** Whether a window also needs a hit of the rule's confirming literals inside it (see `gateLiterals`). */
  confirmed: boolean;
}

/**
 * A rule a keyword triggers, and whether the hit must stand apart from word characters on either side. An
 * opening hit puts a window around itself; a confirming one only lets windows that hold it stand.
 */
interface Trigger {
  rule: number;
  confirms: boolean;
  wordEdgeBefore: boolean;
  wordEdgeAfter: boolean;
}

/**
 * Keywords are cut to this many characters: long phrases (`this is your administrator speaking`) would
 * otherwise make thousands of automaton states that ordinary text walks through, for no gain in selectivity.
 */
const MAX_KEYWORD_LENGTH = 12;
/**
 * Confirming literals are cut shorter: they only let a window stand, so a short head (shared with other
 * keywords) serves as well and adds few automaton states.
 */
const MAX_CONFIRMING_LENGTH = 8;

const sameTrigger = (a: Trigger, b: Trigger): boolean =>
  a.rule === b.rule &&
  a.confirms === b.confirms &&
  a.wordEdgeBefore === b.wordEdgeBefore &&
  a.wordEdgeAfter === b.wordEdgeAfter;

interface Window {
  /** The part of the text a match must lie in. */
  from: number;
  to: number;
}

/** Overlapping or touching windows become one, so each match is found in exactly one window. */
function mergeWindows(windows: Window[]): Window[] {
  windows.sort((a, b) => a.from - b.from);
  const merged: Window[] = [];
  for (const window of windows) {
    const last = merged[merged.length - 1];
    if (last && window.from <= last.to) last.to = Math.max(last.to, window.to);
    else merged.push({ ...window });
  }
  return merged;
}

/**
 * The windows that hold some confirming hit whole (`hits`: flat `[start, end, …]` pairs, in order of their
 * ends). Hits sorted by start, with the least end of every suffix, answer each window in one binary search.
 */
function confirmedWindows(windows: Window[], hits: number[]): Window[] {
  const order: number[] = [];
  for (let h = 0; h < hits.length; h += 2) order.push(h);
  order.sort((a, b) => hits[a] - hits[b]);
  const starts = order.map((h) => hits[h]);
  const leastEnd = order.map((h) => hits[h + 1]);
  for (let i = leastEnd.length - 2; i >= 0; i -= 1) leastEnd[i] = Math.min(leastEnd[i], leastEnd[i + 1]);
  return windows.filter((window) => {
    let low = 0;
    let high = starts.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (starts[middle] < window.from) low = middle + 1;
      else high = middle;
    }
    return low < starts.length && leastEnd[low] <= window.to;
  });
}

function isWordUnit(code: number): boolean {
  return (
    (code >= 0x61 && code <= 0x7a) ||
    (code >= 0x41 && code <= 0x5a) ||
    (code >= 0x30 && code <= 0x39) ||
    code === 0x5f
  );
}

function fires(trigger: Trigger, text: string, start: number, end: number): boolean {
  if (trigger.wordEdgeBefore && start > 0 && isWordUnit(text.charCodeAt(start - 1))) return false;
  return !(trigger.wordEdgeAfter && end < text.length && isWordUnit(text.charCodeAt(end)));
}

function signalOf(rule: PatternRule, start: number, end: number): RawSignal {
  return { start, end, kind: rule.kind, family: rule.family, weight: rule.weight };
}

/** Every match of the rule in `text[window]`, its pattern run on the window plus context. */
function matchInWindow(rule: PatternRule, text: string, window: Window, out: RawSignal[]): void {
  const sliceFrom = Math.max(0, window.from - CONTEXT);
  const slice = text.slice(sliceFrom, Math.min(text.length, window.to + CONTEXT));
  const { pattern } = rule;
  pattern.lastIndex = 0;
  for (let m = pattern.exec(slice); m !== null; m = pattern.exec(slice)) {
    const start = sliceFrom + m.index;
    const end = start + m[0].length;
    if (start < window.from || end > window.to) {
      // Found in the context only: look again just after its start, as a scan of the whole text would.
      pattern.lastIndex = m.index + 1;
      if (start >= window.to) break;
      continue;
    }
    if (m[0].length === 0) pattern.lastIndex += 1;
    else if (!rule.accept || rule.accept(m)) out.push(signalOf(rule, start, end));
  }
}

function matchWhole(rule: PatternRule, text: string, out: RawSignal[]): void {
  matchInWindow(rule, text, { from: 0, to: text.length }, out);
}

/**
 * Pattern rules behind a keyword gate. Each rule's pattern is analysed once for the literals every match must
 * contain (`requiredLiterals`) and for its longest match; one Aho–Corasick pass over the text then finds those
 * literals, and a rule runs only on windows around its own hits. Text without any trigger word — most payloads —
 * costs one pass instead of one regex scan per rule. Rules with no usable literal run on the whole text.
 */
export class GatedPatternRules {
  private readonly gated: GatedRule[] = [];
  private readonly ungated: PatternRule[] = [];
  /** For each keyword of the automaton: the gated rules it triggers and its length. */
  private readonly keywordRules: Trigger[][] = [];
  private readonly keywordLengths: number[] = [];
  private readonly automaton: KeywordAutomaton;

  constructor(rules: readonly PatternRule[]) {
    const keywordIndex = new Map<string, number>();
    const addTrigger = (literal: RequiredLiteral, rule: number, confirms: boolean) => {
      // A literal's head is as good a gate (windows reach `width` either side of it) and keeps the automaton small.
      const key = literal.text.slice(0, confirms ? MAX_CONFIRMING_LENGTH : MAX_KEYWORD_LENGTH);
      let keyword = keywordIndex.get(key);
      if (keyword === undefined) {
        keyword = this.keywordRules.push([]) - 1;
        this.keywordLengths.push(key.length);
        keywordIndex.set(key, keyword);
      }
      const wordEdgeAfter = literal.wordEdgeAfter && key.length === literal.text.length;
      const triggers = this.keywordRules[keyword];
      const trigger = { rule, confirms, wordEdgeBefore: literal.wordEdgeBefore, wordEdgeAfter };
      if (!triggers.some((known) => sameTrigger(known, trigger))) triggers.push(trigger);
    };
    for (const rule of rules) {
      const { required: literals, confirming } = gateLiterals(rule.pattern);
      const width = maxMatchWidth(rule.pattern);
      if (literals === null || !Number.isFinite(width)) {
        this.ungated.push(rule);
        continue;
      }
      const ruleIndex = this.gated.push({ rule, width, confirmed: confirming !== null }) - 1;
      for (const literal of literals) addTrigger(literal, ruleIndex, false);
      for (const literal of confirming ?? []) addTrigger(literal, ruleIndex, true);
    }
    this.automaton = new KeywordAutomaton([...keywordIndex.keys()], [['\n', ' ']]);
  }

  /** Rules that could not be gated (always run on the whole text); exposed for the tests. */
  get ungatedKinds(): string[] {
    return this.ungated.map((rule) => rule.kind);
  }

  /** Every match of every rule as a raw signal (offsets in `text`), the same as running each rule on all of it. */
  run(text: string): RawSignal[] {
    const out: RawSignal[] = [];
    for (const rule of this.ungated) matchWhole(rule, text, out);
    this.searchWindows(text, (rule, window) => matchInWindow(rule, text, window, out));
    return out;
  }

  /** How many windows `run` would search in `text` (exposed for the tests). */
  windowCount(text: string): number {
    let count = 0;
    this.searchWindows(text, () => (count += 1));
    return count;
  }

  private searchWindows(text: string, search: (rule: PatternRule, window: Window) => void): void {
    const { windows, confirmations } = this.windowsPerRule(text);
    windows.forEach((ruleWindows, ruleIndex) => {
      const gated = this.gated[ruleIndex];
      const kept = gated.confirmed
        ? confirmedWindows(ruleWindows, confirmations.get(ruleIndex) ?? [])
        : ruleWindows;
      for (const window of mergeWindows(kept)) search(gated.rule, window);
    });
  }

  /** Windows around each rule's opening hits, and each confirmed rule's confirming hits (flat start/end pairs). */
  private windowsPerRule(text: string): {
    windows: Map<number, Window[]>;
    confirmations: Map<number, number[]>;
  } {
    const windows = new Map<number, Window[]>();
    const confirmations = new Map<number, number[]>();
    const hits = this.automaton.scan(text);
    for (let h = 0; h < hits.length; h += 2) {
      const keyword = hits[h];
      const end = hits[h + 1];
      const start = end - this.keywordLengths[keyword];
      for (const trigger of this.keywordRules[keyword]) {
        if (!fires(trigger, text, start, end)) continue;
        const ruleIndex = trigger.rule;
        if (trigger.confirms) {
          const list = confirmations.get(ruleIndex);
          if (list) list.push(start, end);
          else confirmations.set(ruleIndex, [start, end]);
          continue;
        }
        const { width } = this.gated[ruleIndex];
        const window = { from: Math.max(0, end - width), to: Math.min(text.length, start + width) };
        const list = windows.get(ruleIndex);
        if (list) list.push(window);
        else windows.set(ruleIndex, [window]);
      }
    }
    return { windows, confirmations };
  }
}
