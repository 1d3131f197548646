import { describe, expect, it } from 'vitest';
import { INJECTION_CORPUS } from '../../../eval/corpus/injection';
import { GATED_RULE_TABLE } from '../injection.rules';
import { runPatternRules } from '../pattern.rules';
import { normalizeForScan } from '../scan-text.normalize';
import { GatedPatternRules } from './gated-pattern-rules';

const FILLER =
  'The committee met on Tuesday to review the spring schedule for the library branches. ' +
  'Volunteers sorted about 340 donated books, most of them novels and old cookbooks. ';

const key = (signal: { kind: string; start: number; end: number }): string =>
  `${signal.kind}@${signal.start}-${signal.end}`;

function signalsOf(found: ReturnType<typeof runPatternRules>): string[] {
  return [...new Set(found.map(key))].sort();
}

describe('GatedPatternRules', () => {
  const gated = new GatedPatternRules(GATED_RULE_TABLE);

  it('finds exactly what running every rule on the whole text finds, on every corpus sample', () => {
    let compared = 0;
    for (const sample of INJECTION_CORPUS) {
      const text = normalizeForScan(sample.text);
      expect({ id: sample.id, signals: signalsOf(gated.run(text)) }).toEqual({
        id: sample.id,
        signals: signalsOf(runPatternRules(text, GATED_RULE_TABLE)),
      });
      compared += 1;
    }
    expect(compared).toBeGreaterThan(300);
  });

  it('finds the same inside long filler, where windows start and end mid-text', () => {
    let withSignals = 0;
    for (const [index, sample] of INJECTION_CORPUS.entries()) {
      const padding = FILLER.repeat(1 + (index % 7));
      const text = normalizeForScan(`${padding}${sample.text} ${padding}`);
      const whole = signalsOf(runPatternRules(text, GATED_RULE_TABLE));
      if (whole.length > 0) withSignals += 1;
      expect({ id: sample.id, signals: signalsOf(gated.run(text)) }).toEqual({
        id: sample.id,
        signals: whole,
      });
    }
    expect(withSignals).toBeGreaterThan(100);
  });

  it('runs a rule only where its confirming words lie within reach of its trigger word', () => {
    const rules = [
      {
        kind: 'false-authorization',
        family: 'directive',
        weight: 0.45,
        pattern: /\b(?:user|owner)\s(?:has|had)\s(?:[a-z]{1,9}\s)?(?:agreed|approved)\b/gi,
      },
    ] as const;
    const gate = new GatedPatternRules(rules);
    const far = `the user has ${'x '.repeat(60)}and the group agreed`;
    for (const text of ['so the user has agreed to it', far, 'the owner had approved; the user has agreed']) {
      expect(signalsOf(gate.run(text))).toEqual(signalsOf(runPatternRules(text, rules)));
    }
    expect(gate.windowCount(far)).toBe(0);
    expect(gate.windowCount('so the user has agreed to it')).toBe(1);
    expect(signalsOf(gate.run('the owner had approved; the user has agreed'))).toHaveLength(2);
  });

  it('gates all but a few rules, so text without trigger words costs one pass', () => {
    expect(gated.ungatedKinds.length).toBeLessThanOrEqual(3);
    expect(gated.run(normalizeForScan(FILLER.repeat(50)))).toEqual([]);
    expect(gated.windowCount(normalizeForScan(FILLER.repeat(50)))).toBe(0);
  });
});
