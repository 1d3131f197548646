import type { BusKeys } from '@bastion/bus';
import type { Redis } from 'ioredis';
import { notificationMessage } from './json-rpc';
import { GATEWAY_LOGGER } from './log-level.filter';
import type { LogLevel } from './session-log-levels';

/** Where a gateway event goes: one session's GET streams, or those of every session of a project. */
export type EventAudience = { sessionId: string } | { projectId: string };

/** A guardrail block, as clients are told about it (never the matched values). */
export interface GuardrailBlock {
  sessionId: string;
  tool: string;
  direction: 'input' | 'output';
  policy: string;
  /** The rules that blocked, numbered from 1 as in the policy's own block message. */
  rules: ReadonlyArray<{ rule: number; detector: string }>;
}

/** A tool held back by tool pinning, as clients are told about it (never its definition). */
export interface HeldBackNotice {
  /** The upstream server's name. */
  server: string;
  /** The tool's exposed name (`<prefix>__<tool>`). */
  tool: string;
  reason: string;
  message: string;
}

const AUTH_FAILURE = /\b(401|403)\b|unauthori[sz]ed|forbidden|authenticat|credential|invalid[_ ]token|oauth/i;

/**
 * The gateway's own events as MCP log messages (logger `bastion`), published through Redis to the
 * affected sessions' GET streams; each stream's LogLevelFilter applies the session's level and
 * redacts secrets. Publishing never fails the caller.
 */
export class GatewayEvents {
  constructor(
    private readonly redis: Pick<Redis, 'publish'>,
    private readonly keys: BusKeys,
  ) {}

  guardrailBlocked(block: GuardrailBlock): void {
    const rules = block.rules.map((r) => `rule ${r.rule} (${r.detector})`).join(', ') || 'a rule';
    const where = block.direction === 'input' ? 'arguments to' : 'result of';
    this.emit({ sessionId: block.sessionId }, 'warning', {
      event: 'guardrail.blocked',
      message: `Blocked by guardrail policy "${block.policy}", ${rules}: the ${where} tool ${block.tool}.`,
      tool: block.tool,
      direction: block.direction,
      policy: block.policy,
      rules: block.rules,
    });
  }

  toolHeldBack(audience: EventAudience, { server, tool, reason, message }: HeldBackNotice): void {
    this.emit(audience, 'warning', { event: 'tool.held_back', message: `${message}.`, server, tool, reason });
  }

  /** An upstream connection failed and will be reconnected; authentication failures get generic text. */
  upstreamRestarting(audience: EventAudience, server: string, error: string, retryInMs?: number): void {
    const retry =
      retryInMs === undefined ? 'on a later request' : `in about ${Math.ceil(retryInMs / 1000)} s`;
    const message = AUTH_FAILURE.test(error)
      ? `Upstream server ${server} failed to authenticate; it will be retried ${retry}.`
      : `Upstream server ${server} failed; it will be restarted ${retry}.`;
    this.emit(audience, 'notice', { event: 'upstream.restart', message, server });
  }

  emit(audience: EventAudience, level: LogLevel, data: Record<string, unknown>): void {
    const channel =
      'sessionId' in audience
        ? this.keys.sessionChannel(audience.sessionId)
        : this.keys.projectChannel(audience.projectId);
    const json = notificationMessage('notifications/message', { level, logger: GATEWAY_LOGGER, data });
    void this.redis.publish(channel, json).catch(() => undefined);
  }
}
