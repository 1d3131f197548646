import type { DetectorFactory, Finding } from '../engine/detector.types';
import { spanFindings } from '../engine/detector.types';
import { objectEntries, stringLeaves } from '../engine/json-paths';
import { isSensitiveKeyName, scanSecrets } from '../secrets';

/**
 * `secrets`: structural first — the value of any sensitive key (password, token, apiKey… at any
 * depth and casing) — then secret shapes in every string.
 */
export const secretsDetector: DetectorFactory = {
  id: 'secrets',
  prepare() {
    return {
      inspect: ({ payload }) => {
        const findings: Finding[] = [];
        const sensitive = new Set<string>();
        objectEntries(payload, (key, path, value) => {
          if (value !== null && value !== '' && typeof value !== 'object' && isSensitiveKeyName(key)) {
            findings.push({ path, kind: 'sensitive-key', confidence: 0.9, wholeValue: true });
            sensitive.add(path);
          }
        });
        for (const leaf of stringLeaves(payload)) {
          if (!sensitive.has(leaf.path)) findings.push(...spanFindings(leaf.path, scanSecrets(leaf.text)));
        }
        return findings;
      },
    };
  },
};
