import { scanInjection } from '../src/injection';
import { EVAL_ALLOWED_HOSTS, INJECTION_CORPUS, type InjectionSample } from './corpus/injection';

/** Detection figures for one category of the corpus. */
export interface CategoryResult {
  label: InjectionSample['label'];
  total: number;
  /** Samples flagged (for benign categories: false alarms). */
  flagged: number;
  /** `flagged / total`. */
  rate: number;
}

/** One sample the detector got wrong. */
export interface EvalMistake {
  id: string;
  category: string;
  score: number;
  /** Signal kinds that fired, strongest first. */
  kinds: string[];
}

/** Result of {@link runInjectionEval}. */
export interface InjectionEvalResult {
  threshold: number;
  positives: number;
  negatives: number;
  hardNegatives: number;
  /** Flagged positives / positives. */
  recall: number;
  /** Flagged negatives / negatives. */
  falsePositiveRate: number;
  /** Flagged hard negatives / hard negatives. */
  hardFalsePositiveRate: number;
  perCategory: Record<string, CategoryResult>;
  /** Recall and false-positive rate per corpus split (`dev`, `holdout`, `holdout-2`). */
  perSplit: Record<string, { recall: number; falsePositiveRate: number; positives: number; negatives: number }>;
  misses: EvalMistake[];
  falseAlarms: EvalMistake[];
}

function mistake(sample: InjectionSample, score: number, kinds: string[]): EvalMistake {
  return { id: sample.id, category: sample.category, score: Math.round(score * 1000) / 1000, kinds };
}

function splitFigures(flagged: ReadonlyMap<InjectionSample, boolean>): InjectionEvalResult['perSplit'] {
  const out: InjectionEvalResult['perSplit'] = {};
  for (const split of new Set(INJECTION_CORPUS.map((sample) => sample.split ?? 'dev'))) {
    const samples = INJECTION_CORPUS.filter((sample) => (sample.split ?? 'dev') === split);
    const positives = samples.filter((sample) => sample.label === 'injection');
    const negatives = samples.filter((sample) => sample.label === 'benign');
    out[split] = {
      positives: positives.length,
      negatives: negatives.length,
      recall: positives.filter((sample) => flagged.get(sample)).length / positives.length,
      falsePositiveRate: negatives.filter((sample) => flagged.get(sample)).length / negatives.length,
    };
  }
  return out;
}

function tally(perCategory: Record<string, CategoryResult>, sample: InjectionSample, flagged: boolean): void {
  const entry = (perCategory[sample.category] ??= { label: sample.label, total: 0, flagged: 0, rate: 0 });
  entry.total += 1;
  if (flagged) entry.flagged += 1;
  entry.rate = entry.flagged / entry.total;
}

/**
 * Scans every corpus sample at `threshold` (default 0.5) and reports recall on injections, the false-positive
 * rate on benign texts (overall and for hard negatives), per-category rates, and the samples it got wrong.
 */
export function runInjectionEval(threshold = 0.5): InjectionEvalResult {
  const perCategory: Record<string, CategoryResult> = {};
  const misses: EvalMistake[] = [];
  const falseAlarms: EvalMistake[] = [];
  let hits = 0;
  let alarms = 0;
  let hardAlarms = 0;
  const flaggedBySample = new Map<InjectionSample, boolean>();
  for (const sample of INJECTION_CORPUS) {
    const verdict = scanInjection(sample.text, { threshold, allowedHosts: sample.allowedHosts ?? [...EVAL_ALLOWED_HOSTS] });
    flaggedBySample.set(sample, verdict.flagged);
    const kinds = [...verdict.signals].sort((a, b) => b.weight - a.weight).map((signal) => signal.kind);
    tally(perCategory, sample, verdict.flagged);
    if (sample.label === 'injection') {
      if (verdict.flagged) hits += 1;
      else misses.push(mistake(sample, verdict.score, kinds));
    } else if (verdict.flagged) {
      alarms += 1;
      if (sample.hard) hardAlarms += 1;
      falseAlarms.push(mistake(sample, verdict.score, kinds));
    }
  }
  const positives = INJECTION_CORPUS.filter((sample) => sample.label === 'injection').length;
  const negatives = INJECTION_CORPUS.length - positives;
  const hardNegatives = INJECTION_CORPUS.filter((sample) => sample.hard).length;
  return {
    threshold,
    positives,
    negatives,
    hardNegatives,
    recall: hits / positives,
    falsePositiveRate: alarms / negatives,
    hardFalsePositiveRate: hardAlarms / hardNegatives,
    perCategory,
    perSplit: splitFigures(flaggedBySample),
    misses,
    falseAlarms,
  };
}
