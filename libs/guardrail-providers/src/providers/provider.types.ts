import type { Finding, InspectedPayload, StringLeaf } from '@bastion/guardrails';
import type { RemoteOptions, RemoteProviderId } from '../remote-options';

/** What is sent for one payload, and the strings it carried (to place findings). */
export interface ProviderRequest {
  body: unknown;
  /** The payload's strings, in the order the provider sees them. */
  leaves: StringLeaf[];
}

/**
 * One remote provider: how a payload becomes its request, and how its answer becomes findings.
 * `findings` throws a clear Error (no values in it) when the answer is not what it should be.
 */
export interface RemoteProvider {
  readonly id: RemoteProviderId;
  /** The request for a payload; undefined when there is nothing to ask (no text to check). */
  request(input: InspectedPayload, options: RemoteOptions): ProviderRequest | undefined;
  findings(answer: unknown, request: ProviderRequest, options: RemoteOptions): Finding[];
}

export const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** An error about a provider answer that does not have the documented shape. */
export const malformed = (what: string) => new Error(`the provider's answer is malformed: ${what}`);

/**
 * Findings for a verdict about the whole payload: one per string the provider saw (so `redact`
 * keeps the payload's shape and blanks its text), or `$` when the payload has no strings.
 */
export function payloadFindings(leaves: readonly StringLeaf[], kind: string, confidence = 1): Finding[] {
  if (leaves.length === 0) return [{ path: '$', kind, confidence, wholeValue: true }];
  return leaves.map((leaf) => ({ path: leaf.path, kind, confidence, wholeValue: true }));
}

/** The payload's non-blank strings. */
export function textLeaves(leaves: readonly StringLeaf[]): StringLeaf[] {
  return leaves.filter((leaf) => leaf.text.trim() !== '');
}
