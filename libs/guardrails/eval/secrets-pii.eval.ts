import { PII_KINDS, scanPii, type PiiKind } from '../src/pii';
import { scanSecrets } from '../src/secrets';
import { buildPiiCorpus, type PiiSample } from './corpus/pii';
import { buildSecretsCorpus, type SecretEncoding } from './corpus/secrets';
import { redactSpans, survivingFragment } from './secret-fragments';
import {
  negativesModifiedAcrossBlocks,
  splitAcrossBlocks,
  splitSeparately,
  type SeparateScanReport,
} from './secrets-split.eval';

/** Seed of the corpora the spec asserts on. */
export const DEFAULT_EVAL_SEED = 'bastion-secrets-pii-v1';
export { LEAK_FRAGMENT_LENGTH, redactSpans, survivingFragment } from './secret-fragments';

/** One sample in which a fragment of the secret survived. */
export interface SecretLeak {
  id: string;
  shape: string;
  encoding: SecretEncoding | 'split-joined' | 'split-blocks';
  fragment: string;
}

/** Results of the secrets eval. Targets: no leak in any encoding; at most 2% of negatives modified. */
export interface SecretsEvalReport {
  seed: string;
  cases: number;
  shapes: number;
  /**
   * Samples in which a fragment survived: each case in each encoding, split in two and joined, and split
   * in two content blocks of one tool result redacted by the `secrets` detector (`split-blocks`).
   */
  leaks: SecretLeak[];
  byEncoding: Record<string, { samples: number; leaked: number }>;
  /**
   * Each chunk of a split secret scanned on its own, with no context. Informative, not a target: no reader
   * sees one chunk without the other (`split-blocks` measures the product path, both chunks as content
   * blocks of one tool result); it shows what a caller scanning stream chunks one by one would miss.
   */
  splitSeparate: SeparateScanReport;
  negatives: { samples: number; modified: number; share: number; modifiedIds: string[] };
  /** The negatives cut in two content blocks of one tool result and redacted by the `secrets` detector. */
  negativesAcrossBlocks: { samples: number; modified: number; share: number; modifiedIds: string[] };
}

const redactSecrets = (text: string): string => redactSpans(text, scanSecrets(text));

function tally(byEncoding: SecretsEvalReport['byEncoding'], encoding: string, leaked: boolean): void {
  const entry = (byEncoding[encoding] ??= { samples: 0, leaked: 0 });
  entry.samples += 1;
  if (leaked) entry.leaked += 1;
}

/**
 * Runs the secrets scanner over the generated corpus (pure and deterministic for a seed): redacts every
 * sample, looks for surviving fragments of each secret, and counts negatives the redaction changed.
 */
export function runSecretsEval(seed = DEFAULT_EVAL_SEED): SecretsEvalReport {
  const corpus = buildSecretsCorpus(seed);
  const leaks: SecretLeak[] = [];
  const byEncoding: SecretsEvalReport['byEncoding'] = {};
  const check = (
    id: string,
    shape: string,
    encoding: SecretLeak['encoding'],
    output: string,
    forms: string[],
  ): boolean => {
    const fragment = survivingFragment(output, forms);
    if (fragment !== undefined) leaks.push({ id, shape, encoding, fragment });
    tally(byEncoding, encoding, fragment !== undefined);
    return fragment !== undefined;
  };
  for (const s of corpus.samples) check(s.id, s.shape, s.encoding, redactSecrets(s.text), s.forms);
  const split = splitSeparately(corpus.chunked);
  for (const c of corpus.chunked)
    check(c.id, c.shape, 'split-joined', redactSecrets(c.chunks.join('')), [c.secret]);
  const blockLeaks = splitAcrossBlocks(corpus.chunked);
  for (const c of corpus.chunked)
    tally(
      byEncoding,
      'split-blocks',
      blockLeaks.some((leak) => leak.id === c.id),
    );
  leaks.push(...blockLeaks.map((leak) => ({ ...leak, encoding: 'split-blocks' as const })));
  const modified = corpus.negatives.filter((n) => redactSecrets(n.text) !== n.text).map((n) => n.id);
  const modifiedAcross = negativesModifiedAcrossBlocks(corpus.negatives);
  return {
    seed,
    cases: corpus.cases.length,
    shapes: new Set(corpus.cases.map((c) => c.shape)).size,
    leaks,
    byEncoding,
    splitSeparate: split,
    negatives: {
      samples: corpus.negatives.length,
      modified: modified.length,
      share: modified.length / corpus.negatives.length,
      modifiedIds: modified,
    },
    negativesAcrossBlocks: {
      samples: corpus.negatives.length,
      modified: modifiedAcross.length,
      share: modifiedAcross.length / corpus.negatives.length,
      modifiedIds: modifiedAcross,
    },
  };
}

/** Precision and recall of one PII kind. */
export interface PiiKindScore {
  gold: number;
  predicted: number;
  truePositives: number;
  precision: number;
  recall: number;
}

/** Results of the PII eval. Targets: precision ≥ 0.98 and recall ≥ 0.95 for every kind. */
export interface PiiEvalReport {
  seed: string;
  samples: number;
  perKind: Record<PiiKind, PiiKindScore>;
  /** Up to 50 mistakes, for debugging: the sample id, the kind and the text of the span. */
  falsePositives: Array<{ id: string; kind: string; text: string }>;
  falseNegatives: Array<{ id: string; kind: string; text: string }>;
}

function emptyScores(): Record<PiiKind, PiiKindScore> {
  const score = (): PiiKindScore => ({ gold: 0, predicted: 0, truePositives: 0, precision: 1, recall: 1 });
  return Object.fromEntries(PII_KINDS.map((kind) => [kind, score()])) as Record<PiiKind, PiiKindScore>;
}

function scoreSample(sample: PiiSample, report: PiiEvalReport): void {
  const found = scanPii(sample.text);
  const same = (a: { start: number; end: number; kind: string }, b: typeof a): boolean =>
    a.start === b.start && a.end === b.end && a.kind === b.kind;
  for (const span of found) {
    const score = report.perKind[span.kind as PiiKind];
    score.predicted += 1;
    if (sample.gold.some((g) => same(g, span))) score.truePositives += 1;
    else
      report.falsePositives.push({
        id: sample.id,
        kind: span.kind,
        text: sample.text.slice(span.start, span.end),
      });
  }
  for (const gold of sample.gold) {
    report.perKind[gold.kind].gold += 1;
    if (!found.some((span) => same(gold, span))) {
      report.falseNegatives.push({
        id: sample.id,
        kind: gold.kind,
        text: sample.text.slice(gold.start, gold.end),
      });
    }
  }
}

/** Runs the PII scanner over the generated corpus (pure, deterministic for a seed) and scores each kind. */
export function runPiiEval(seed = DEFAULT_EVAL_SEED): PiiEvalReport {
  const samples = buildPiiCorpus(seed);
  const report: PiiEvalReport = {
    seed,
    samples: samples.length,
    perKind: emptyScores(),
    falsePositives: [],
    falseNegatives: [],
  };
  for (const sample of samples) scoreSample(sample, report);
  for (const score of Object.values(report.perKind)) {
    score.precision = score.predicted === 0 ? 1 : score.truePositives / score.predicted;
    score.recall = score.gold === 0 ? 1 : score.truePositives / score.gold;
  }
  report.falsePositives = report.falsePositives.slice(0, 50);
  report.falseNegatives = report.falseNegatives.slice(0, 50);
  return report;
}
