import { SeededRandom } from '../secrets-pii.rng';
import { SECRET_ENCODINGS, encodeCase, splitInSecret } from './secrets-encodings';
import { secretNegatives } from './secrets-negatives';
import type { EncodedSecretSample, SecretCase, SecretNegative } from './secrets-sample.types';
import { secretCases } from './secrets-shapes';

/** The sample types, for the eval runner. */
export type { EncodedSecretSample, SecretCase, SecretEncoding, SecretNegative } from './secrets-sample.types';

/** The generated secrets corpus for one seed. */
export interface SecretsCorpus {
  cases: SecretCase[];
  /** Every case in every encoding. */
  samples: EncodedSecretSample[];
  /** Every case's raw text split inside the secret into two stream chunks. */
  chunked: Array<{ id: string; shape: string; chunks: [string, string]; secret: string }>;
  negatives: SecretNegative[];
}

/**
 * Builds the secrets corpus: random credentials of every shape (made with node:crypto from `seed`, so the
 * corpus is the same for the same seed), each wrapped raw, JSON-escaped, in nested JSON, URL-encoded, in an
 * HTTP header and split across two stream chunks; plus near-miss negatives.
 */
export function buildSecretsCorpus(seed: string): SecretsCorpus {
  const rng = new SeededRandom(`secrets:${seed}`);
  const cases = secretCases(rng);
  return {
    cases,
    samples: cases.flatMap((c, n) => SECRET_ENCODINGS.map((encoding) => encodeCase(c, encoding, n))),
    chunked: cases.map((c) => ({ id: c.id, shape: c.shape, chunks: splitInSecret(c), secret: c.secret })),
    negatives: secretNegatives(rng),
  };
}
