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

/** Settings of the remote detector. */
export interface RemoteDetectorSettings {
  /** The largest answer read (tests lower it); default `MAX_REMOTE_RESPONSE_BYTES`. */
  maxResponseBytes?: number;
  /**
   * Turns a header value as the rule stores it into the value to send. The gateway stores header
   * values sealed and passes its SecretBox opener here; without one, values are sent as given.
   */
  openHeader?: (stored: string) => string;
}

/**
 * The `remote` detector: asks an external provider (`options.provider`) about each payload. It is
 * asynchronous: `CompiledPolicy.evaluateAsync` runs it with the rule's `timeoutMs` and fail mode.
 * Header values are opened (`settings.openHeader`) and options checked when the policy compiles.
 * Each request is bounded by the rule's timeout (also enforced here) and its answer by
 * `maxResponseBytes` (1 MiB); errors never carry the URL, header values or bodies, and nothing is
 * logged.
 */
export function remoteDetectorFactory(
  fetchImpl: FetchLike = fetch,
  settings: RemoteDetectorSettings = {},
): DetectorFactory {
  return {
    id: 'remote',
    prepare(rawOptions) {
      const options = parseRemoteOptions(openHeaders(rawOptions, settings.openHeader));
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
            maxResponseBytes: settings.maxResponseBytes ?? MAX_REMOTE_RESPONSE_BYTES,
          });
          return provider.findings(answer, request, options);
        },
      };
    },
  };
}

/**
 * The options with their header values opened, so they are checked and sent as the real values.
 * An opener's error is replaced by a fixed message: it could otherwise quote the stored value.
 */
function openHeaders(
  options: Record<string, unknown>,
  open: RemoteDetectorSettings['openHeader'],
): Record<string, unknown> {
  const headers = options['headers'];
  if (!open || typeof headers !== 'object' || headers === null || Array.isArray(headers)) return options;
  const opened: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(headers)) {
    try {
      opened[name] = typeof value === 'string' ? open(value) : value;
    } catch {
      throw new Error(
        'a value of options.headers could not be opened (sealed under another BASTION_MASTER_KEY, or damaged)',
      );
    }
  }
  return { ...options, headers: opened };
}
