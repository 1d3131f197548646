import { stringLeaves, type Finding } from '@bastion/guardrails';
import { isRecord, malformed, textLeaves, type RemoteProvider } from './provider.types';

/**
 * `openai-moderation`: shaped for OpenAI's moderation endpoint (default
 * `https://api.openai.com/v1/moderations`; put `Authorization: Bearer <key>` in `options.headers`).
 *
 * Request: `{ "input": [every non-blank string of the payload], "model"?: options.model }`.
 * Answer: `{ "results": [{ "flagged", "categories": {name: bool}, "category_scores": {name: number} }] }`,
 * one result per string, in order. A string gets one finding per category that counts
 * (`moderation:<category>`, on the string's path): with `options.threshold`, a category whose score
 * reaches it; otherwise a category the provider marked true. `options.categories` narrows the categories.
 */
export const openAiModerationProvider: RemoteProvider = {
  id: 'openai-moderation',
  request(input, options) {
    const leaves = textLeaves(stringLeaves(input.payload));
    if (leaves.length === 0) return undefined;
    const body: Record<string, unknown> = { input: leaves.map((leaf) => leaf.text) };
    if (options.model) body['model'] = options.model;
    return { body, leaves };
  },
  findings(answer, request, options) {
    if (!isRecord(answer) || !Array.isArray(answer['results'])) throw malformed('"results" must be a list');
    const results = answer['results'];
    if (results.length !== request.leaves.length) {
      throw malformed(`${results.length} results for ${request.leaves.length} inputs`);
    }
    const wanted = options.categories ? new Set(options.categories) : undefined;
    return results.flatMap((result: unknown, index): Finding[] => {
      const where = `results[${index}]`;
      if (!isRecord(result) || typeof result['flagged'] !== 'boolean' || !isRecord(result['categories'])) {
        throw malformed(`${where} needs "flagged" and "categories"`);
      }
      const scores = result['category_scores'] ?? {};
      if (!isRecord(scores)) throw malformed(`${where}.category_scores must be an object`);
      const path = request.leaves[index].path;
      return Object.entries(result['categories']).flatMap(([category, marked]): Finding[] => {
        if (wanted && !wanted.has(category)) return [];
        const raw = scores[category];
        const score = typeof raw === 'number' ? raw : undefined;
        const counts =
          options.threshold === undefined
            ? marked === true
            : score !== undefined && score >= options.threshold;
        if (!counts) return [];
        const confidence = score !== undefined && score >= 0 && score <= 1 ? score : 1;
        return [{ path, kind: `moderation:${category.slice(0, 64)}`, confidence, wholeValue: true }];
      });
    });
  },
};
