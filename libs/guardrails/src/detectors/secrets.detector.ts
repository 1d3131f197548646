import type { DetectorFactory, Finding } from '../engine/detector.types';
import { spanFindings } from '../engine/detector.types';
import { objectEntries, stringLeaves, type StringLeaf } from '../engine/json-paths';
import { isSensitiveKeyName, scanSecrets, scanSecretsAcross } from '../secrets';

/** `…[3]` (a string in an array) or `…[3].text` (the text of a content block), split into parent and index. */
const SIBLING_PATH = /^(.*)\[(\d+)\](\.text)?$/;

/**
 * Runs of strings a reader joins: consecutive strings of one array, or the `text` of consecutive content
 * blocks (`content: [{ type: 'text', text: '…AKIAIOSF' }, { type: 'text', text: 'ODNN7EXAMPLE…' }]`).
 * A quoted odd key ends its path with `"]`, so the pattern never mistakes one for an index.
 */
function siblingRuns(leaves: readonly StringLeaf[]): StringLeaf[][] {
  const byParent = new Map<string, Array<{ index: number; leaf: StringLeaf }>>();
  for (const leaf of leaves) {
    const m = SIBLING_PATH.exec(leaf.path);
    if (!m) continue;
    const parent = `${m[1] ?? ''}${m[3] ?? ''}`;
    const siblings = byParent.get(parent) ?? [];
    siblings.push({ index: Number(m[2]), leaf });
    byParent.set(parent, siblings);
  }
  const runs: StringLeaf[][] = [];
  for (const siblings of byParent.values()) {
    let run: StringLeaf[] = [];
    for (const [i, { index, leaf }] of siblings.entries()) {
      if (i > 0 && index !== (siblings[i - 1]?.index ?? 0) + 1) run = [];
      if (run.length === 0) runs.push(run);
      run.push(leaf);
    }
  }
  return runs.filter((run) => run.length > 1);
}

/**
 * `secrets`: structural first — the value of any sensitive key (password, token, apiKey… at any
 * depth and casing) — then secret shapes in every string, and across the boundaries of strings a
 * reader joins (a secret split between two content blocks is reported in both, so both parts go).
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
        const leaves = stringLeaves(payload);
        for (const leaf of leaves) {
          if (!sensitive.has(leaf.path)) findings.push(...spanFindings(leaf.path, scanSecrets(leaf.text)));
        }
        for (const run of siblingRuns(leaves)) {
          for (const span of scanSecretsAcross(run.map((leaf) => leaf.text))) {
            const path = run[span.chunk]?.path ?? '';
            if (!sensitive.has(path)) findings.push(...spanFindings(path, [span]));
          }
        }
        return findings;
      },
    };
  },
};
