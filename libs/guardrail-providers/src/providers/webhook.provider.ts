import { stringLeaves, type Finding } from '@bastion/guardrails';
import { isRecord, malformed, payloadFindings, type RemoteProvider } from './provider.types';

/** At most this many findings of one answer are kept. */
const MAX_FINDINGS = 1_000;
const KIND = /^[\w:./-]{1,64}$/;
const MAX_PATH = 1_000;

/**
 * `webhook`: any HTTP service speaking the documented contract.
 *
 * Request: `POST <url>` `{ "direction": "input"|"output", "tool": "<upstream tool name>", "payload": <arguments or result> }`.
 * Answer: `{ "flagged": boolean, "findings"?: [{ "path": "$.a.b", "kind": "…", "confidence"?: 0..1, "start"?: n, "end"?: n }] }`.
 * `flagged: false` means nothing was found (any findings are ignored); `flagged: true` without findings
 * flags every string of the payload with kind `webhook:flagged`, and so does a finding on `$` itself.
 */
export const webhookProvider: RemoteProvider = {
  id: 'webhook',
  request: (input) => ({
    body: { direction: input.direction, tool: input.toolName, payload: input.payload },
    leaves: [],
  }),
  findings(answer, request, options) {
    if (!isRecord(answer) || typeof answer['flagged'] !== 'boolean')
      throw malformed('"flagged" must be a boolean');
    if (!answer['flagged']) return [];
    const listed = answer['findings'];
    if (listed !== undefined && !Array.isArray(listed)) throw malformed('"findings" must be a list');
    const body = request.body as { payload: unknown };
    if (!listed || listed.length === 0) return payloadFindings(stringLeaves(body.payload), 'webhook:flagged');
    const findings = listed.slice(0, MAX_FINDINGS).map((item, index) => webhookFinding(item, index));
    const kept =
      options.threshold === undefined ? findings : findings.filter((f) => f.confidence >= options.threshold!);
    // A finding on the whole payload lands on each of its strings, so `redact` keeps the payload's shape.
    const leaves = kept.some((f) => f.path === '$' && f.wholeValue) ? stringLeaves(body.payload) : [];
    return kept.flatMap((f) =>
      f.path === '$' && f.wholeValue ? payloadFindings(leaves, f.kind, f.confidence) : [f],
    );
  },
};

function webhookFinding(item: unknown, index: number): Finding {
  const where = `findings[${index}]`;
  if (!isRecord(item)) throw malformed(`${where} must be an object`);
  const { path, kind, confidence, start, end } = item;
  if (typeof path !== 'string' || !path.startsWith('$') || path.length > MAX_PATH) {
    throw malformed(`${where}.path must be a JSONPath starting with "$"`);
  }
  if (typeof kind !== 'string' || !KIND.test(kind)) {
    throw malformed(`${where}.kind must be 1-64 letters, digits or _ : . / -`);
  }
  if (confidence !== undefined && (typeof confidence !== 'number' || !(confidence >= 0 && confidence <= 1))) {
    throw malformed(`${where}.confidence must be between 0 and 1`);
  }
  const finding: Finding = { path, kind, confidence: confidence ?? 1 };
  if (start === undefined && end === undefined) return { ...finding, wholeValue: true };
  if (
    !Number.isSafeInteger(start) ||
    !Number.isSafeInteger(end) ||
    (start as number) < 0 ||
    (end as number) <= (start as number)
  ) {
    throw malformed(`${where}.start and .end must be integers with 0 <= start < end`);
  }
  return { ...finding, span: { start: start as number, end: end as number } };
}
