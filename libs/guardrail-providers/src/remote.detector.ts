import type { DetectorFactory, Finding, InspectedPayload } from '@bastion/guardrails';
import { MAX_REMOTE_RESPONSE_BYTES, postJson, type FetchLike } from './http-json';
import { enkryptProvider } from './providers/enkrypt.provider';
import { openAiModerationProvider } from './providers/openai-moderation.provider';
import type { RemoteProvider } from './providers/provider.types';
import { webhookProvider } from './providers/webhook.provider';
import { parseRemoteOptions, type RemoteProviderId } from './remote-options';

const PROVIDERS: Readonly<Record<RemoteProviderId, RemoteProvider>> = {
  webhook: webhookProvider,
  'openai-moderation': openAiModerationProvider,
  enkrypt: enkryptProvider,
};

/** Limits of the remote detector (tests lower them). */
export interface RemoteDetectorLimits {
  maxResponseBytes?: number;
}

/**
 * The `remote` detector: asks an external provider (`options.provider`) about each payload. It is
 * asynchronous: `CompiledPolicy.evaluateAsync` runs it with the rule's `timeoutMs` and fail mode.
 * Options are checked when the policy compiles. Each request is bounded by the rule's timeout (also
 * enforced here) and its answer by `maxResponseBytes` (1 MiB); errors never carry the URL, header
 * values or bodies, and nothing is logged.
 */
export function remoteDetectorFactory(
  fetchImpl: FetchLike = fetch,
  limits: RemoteDetectorLimits = {},
): DetectorFactory {
  return {
    id: 'remote',
    prepare(rawOptions) {
      const options = parseRemoteOptions(rawOptions);
      const provider = PROVIDERS[options.provider];
      return {
        inspect: () => {
          throw new Error('the remote detector is asynchronous and needs evaluateAsync');
        },
        async inspectAsync(input: InspectedPayload, signal: AbortSignal): Promise<Finding[]> {
          const request = provider.request(input, options);
          if (!request) return [];
          const timeoutSignal = AbortSignal.timeout(options.timeoutMs);
          const answer = await postJson(fetchImpl, {
            url: options.url,
            body: request.body,
            headers: options.headers,
            signal: AbortSignal.any([signal, timeoutSignal]),
            timeoutSignal,
            timeoutMs: options.timeoutMs,
            maxResponseBytes: limits.maxResponseBytes ?? MAX_REMOTE_RESPONSE_BYTES,
          });
          return provider.findings(answer, request, options);
        },
      };
    },
  };
}
