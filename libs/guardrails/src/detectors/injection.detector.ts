import type { DetectorFactory, Finding } from '../engine/detector.types';
import { stringLeaves } from '../engine/json-paths';
import { prepareInjectionRules, scanInjection, suspiciousKeys } from '../injection';
import { stringList, unitInterval } from './option-readers';

/**
 * `injection`: prompt-injection and tool-poisoning signals in every string, scored per string
 * against `options.threshold` (default 0.5); `options.allowedHosts` are exempt from exfiltration
 * checks. Instruction-like JSON keys (`_ai_*`, `_system*`) are findings of their own.
 */
export const injectionDetector: DetectorFactory = {
  id: 'injection',
  prepare(options) {
    const threshold = unitInterval(options, 'threshold') ?? 0.5;
    const allowedHosts = stringList(options, 'allowedHosts', false);
    prepareInjectionRules();
    return {
      inspect: ({ payload }) => {
        const findings: Finding[] = suspiciousKeys(payload).map((path) => ({
          path,
          kind: 'suspicious-key',
          confidence: 0.8,
          wholeValue: true,
        }));
        for (const leaf of stringLeaves(payload)) {
          const verdict = scanInjection(leaf.text, { threshold, allowedHosts });
          if (!verdict.flagged) continue;
          for (const signal of verdict.signals) {
            findings.push({
              path: leaf.path,
              kind: signal.kind,
              confidence: verdict.score,
              span: { start: signal.start, end: signal.end },
            });
          }
        }
        return findings;
      },
    };
  },
};
