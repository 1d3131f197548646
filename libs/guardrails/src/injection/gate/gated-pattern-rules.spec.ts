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

  it('gates all but a few rules, so text without trigger words costs one pass', () => {
    expect(gated.ungatedKinds.length).toBeLessThanOrEqual(3);
    expect(gated.run(normalizeForScan(FILLER.repeat(50)))).toEqual([]);
  });
});
