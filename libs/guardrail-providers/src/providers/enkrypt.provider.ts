import { stringLeaves } from '@bastion/guardrails';
import { isRecord, malformed, payloadFindings, textLeaves, type RemoteProvider } from './provider.types';

/** The detectors asked for when the rule names none. */
export const DEFAULT_ENKRYPT_DETECTORS: Readonly<Record<string, unknown>> = {
  injection_attack: { enabled: true },
  toxicity: { enabled: true },
  nsfw: { enabled: true },
};

/**
 * Summary keys that are not "something was found" flags. `on_topic` reads the other way round
 * (1 = on topic), so it is not mapped.
 */
const NOT_FLAGS = new Set(['on_topic']);

/**
 * `enkrypt`: shaped after Enkrypt AI's guardrails detect API (default
 * `https://api.enkryptai.com/guardrails/detect`; put its `apikey` header in `options.headers`).
 * Written from public descriptions of that API and tested against a local fake only.
 *
 * Request: `{ "text": <the payload's non-blank strings joined by newlines>, "detectors": options.detectors
 * ?? { injection_attack, toxicity, nsfw: { enabled: true } } }`.
 * Answer: `{ "summary": { <detector>: 0|1 | boolean | score | [labels] }, "details": {…} }`. A summary
 * entry is a finding `enkrypt:<detector>` when it is true, a number above 0 (at or above
 * `options.threshold` when set), or a non-empty list; `on_topic` is not mapped; `options.categories`
 * narrows the keys. The verdict is about the whole text, so every string of the payload gets the finding.
 * `details` is not read.
 */
export const enkryptProvider: RemoteProvider = {
  id: 'enkrypt',
  request(input, options) {
    const leaves = textLeaves(stringLeaves(input.payload));
    if (leaves.length === 0) return undefined;
    return {
      body: {
        text: leaves.map((leaf) => leaf.text).join('\n'),
        detectors: options.detectors ?? DEFAULT_ENKRYPT_DETECTORS,
      },
      leaves,
    };
  },
  findings(answer, request, options) {
    if (!isRecord(answer) || !isRecord(answer['summary'])) throw malformed('"summary" must be an object');
    const wanted = options.categories ? new Set(options.categories) : undefined;
    return Object.entries(answer['summary']).flatMap(([name, value]) => {
      if (NOT_FLAGS.has(name) || (wanted && !wanted.has(name))) return [];
      const flagged =
        value === true ||
        (typeof value === 'number' &&
          (options.threshold === undefined ? value > 0 : value >= options.threshold)) ||
        (Array.isArray(value) && value.length > 0);
      if (!flagged) return [];
      const confidence = typeof value === 'number' && value > 0 && value <= 1 ? value : 1;
      return payloadFindings(request.leaves, `enkrypt:${name.slice(0, 64)}`, confidence);
    });
  },
};
