import { HARD_NEGATIVES } from './injection-hard-negatives';
import { HOLDOUT_SAMPLES } from './injection-holdout';
import { HOLDOUT2_SAMPLES } from './injection-holdout2';
import { ORDINARY_NEGATIVES } from './injection-negatives';
import { POSITIVE_SAMPLES } from './injection-positives';
import type { InjectionSample } from './injection-sample.types';

export { EVAL_ALLOWED_HOSTS, type InjectionSample } from './injection-sample.types';

/**
 * The labelled prompt-injection corpus: poisoned tool descriptions, injected tool outputs, hidden-character,
 * base64, exfiltration, multilingual and MPMA payloads (label `injection`), and ordinary plus hard benign texts
 * (label `benign`). All texts were written for this project; hosts use reserved `example` names.
 */
export const INJECTION_CORPUS: readonly InjectionSample[] = [
  ...POSITIVE_SAMPLES,
  ...ORDINARY_NEGATIVES,
  ...HARD_NEGATIVES,
  ...HOLDOUT_SAMPLES,
  ...HOLDOUT2_SAMPLES,
];
