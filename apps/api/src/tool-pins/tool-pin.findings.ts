import { confusableName, definitionProse, scanInjection } from '@bastion/guardrails';
import { effectivePrefix } from '../mcp-configs/server-definition.rules';
import type { ToolPinDetailDto } from './dto/tool-pin.dto';
import type { ToolPinRow } from './tool-pins.repository';

const EXCERPT_CHARS = 200;

/** The name clients see for a pinned tool: `<prefix>__<tool>`, or the bare name under an empty prefix. */
export function exposedNameOf(pin: Pick<ToolPinRow, 'toolName' | 'server'>): string {
  const prefix = effectivePrefix(pin.server);
  return prefix === '' ? pin.toolName : `${prefix}__${pin.toolName}`;
}

/** The definition an admin reviews: the pending one, else the approved one. */
export function reviewedDefinition(pin: ToolPinRow): Record<string, unknown> | null {
  return asObject(pin.pendingDefinition) ?? asObject(pin.approvedDefinition);
}

/** Whether a reported definition's prose reads like a tool-poisoning attempt. */
export function isPoisoned(definition: Record<string, unknown>): boolean {
  return scanInjection(definitionProse(definition)).flagged;
}

/**
 * Why a pin's reviewed definition may be unsafe, computed on read with the same detectors the
 * workers use: the injection scan of its prose, and the pins of the same config with look-alike names.
 */
export function pinFindings(
  pin: ToolPinRow,
  configPins: readonly ToolPinRow[],
): ToolPinDetailDto['findings'] {
  const prose = definitionProse(reviewedDefinition(pin) ?? {});
  const verdict = scanInjection(prose);
  const exposed = exposedNameOf(pin);
  return {
    injection: {
      score: verdict.score,
      flagged: verdict.flagged,
      signals: verdict.signals.map((signal) => ({
        kind: signal.kind,
        confidence: signal.confidence,
        excerpt: prose.slice(signal.start, Math.min(signal.end, signal.start + EXCERPT_CHARS)),
      })),
    },
    lookalikes: configPins
      .filter((other) => other.id !== pin.id && confusableName(exposedNameOf(other), exposed))
      .map((other) => ({ pinId: other.id, serverId: other.serverId, exposedName: exposedNameOf(other) })),
  };
}

/** A JSON column as an object, or null. */
export function asObject(value: unknown): Record<string, unknown> | null {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : null;
}
