/**
 * Secrets split in two, as a tool result in two content blocks (or two stream chunks) delivers them: the
 * product path (both blocks of one MCP result through a redacting `secrets` policy, then joined as a client
 * joins them) and, for comparison, each chunk scanned on its own with no context.
 */
import type { PolicyEntry } from '@bastion/contracts';
import { CompiledPolicy } from '../src/engine/compiled-policy';
import { scanSecrets } from '../src/secrets';
import type { SecretsCorpus } from './corpus/secrets';
import { redactSpans, survivingFragment } from './secret-fragments';

/** One chunked case in which a fragment survived. */
export interface SplitLeak {
  id: string;
  shape: string;
  fragment: string;
}

/** Each chunk of a split secret scanned alone: informative (no reader sees a chunk without the other). */
export interface SeparateScanReport {
  samples: number;
  leaked: number;
  leakedFirstChunk: number;
  leakedSecondChunk: number;
  leaks: SplitLeak[];
}

const REDACT_SECRETS: PolicyEntry = {
  id: '00000000-0000-4000-8000-00000000e7a1',
  name: 'eval-secrets',
  mode: 'enforce',
  failMode: 'closed',
  rules: [{ detector: 'secrets', action: 'redact', direction: 'both', options: {} }],
};

interface TextBlock {
  type: 'text';
  text: string;
}

/**
 * The joined text of a tool result whose two content blocks are the chunks, after a redacting `secrets`
 * policy ran on the result.
 */
export function redactedAsContentBlocks(
  chunks: readonly string[],
  policy = CompiledPolicy.compile(REDACT_SECRETS),
): string {
  const payload = { content: chunks.map((text): TextBlock => ({ type: 'text', text })) };
  const decision = policy.evaluate({ direction: 'output', toolName: 'read_logs', payload });
  return (decision.payload as typeof payload).content.map((block) => block.text).join('');
}

/** Leaks of each chunked case delivered as two content blocks of one tool result. */
export function splitAcrossBlocks(chunked: SecretsCorpus['chunked']): SplitLeak[] {
  const policy = CompiledPolicy.compile(REDACT_SECRETS);
  return chunked.flatMap((c) => {
    const fragment = survivingFragment(redactedAsContentBlocks(c.chunks, policy), [c.secret]);
    return fragment === undefined ? [] : [{ id: c.id, shape: c.shape, fragment }];
  });
}

/**
 * Ids of the negatives that come out changed when cut in the middle into two content blocks of one tool
 * result (scanning across the boundary must not invent secrets).
 */
export function negativesModifiedAcrossBlocks(negatives: SecretsCorpus['negatives']): string[] {
  const policy = CompiledPolicy.compile(REDACT_SECRETS);
  return negatives
    .filter((n) => {
      const cut = Math.floor(n.text.length / 2);
      return redactedAsContentBlocks([n.text.slice(0, cut), n.text.slice(cut)], policy) !== n.text;
    })
    .map((n) => n.id);
}

/** Each chunk of every chunked case scanned on its own. */
export function splitSeparately(chunked: SecretsCorpus['chunked']): SeparateScanReport {
  const result: SeparateScanReport = {
    samples: chunked.length,
    leaked: 0,
    leakedFirstChunk: 0,
    leakedSecondChunk: 0,
    leaks: [],
  };
  for (const c of chunked) {
    const [first, second] = c.chunks.map((chunk) =>
      survivingFragment(redactSpans(chunk, scanSecrets(chunk)), [c.secret]),
    );
    if (first !== undefined) result.leakedFirstChunk += 1;
    if (second !== undefined) result.leakedSecondChunk += 1;
    const fragment = first ?? second;
    if (fragment === undefined) continue;
    result.leaked += 1;
    result.leaks.push({ id: c.id, shape: c.shape, fragment });
  }
  return result;
}
