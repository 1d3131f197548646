import { redactValue, scrubText } from '@bastion/observability';
import type { AuditPublisher } from '@bastion/bus';
import { capAuditPayload, type AuditEvent } from '@bastion/contracts';
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { NoticeScope } from '../catalog/held-tool.notices';
import { heldBackNotice } from '../catalog/tool-pin.decision';
import { exposedName } from '../catalog/tool-naming';
import type { HeldTool } from '../catalog/tool-pins.gate';
import type { GatewayEvents } from '../mcp/gateway-events';
import type { AnsweredRequest } from '../mcp/mcp-http.handler';
import type { GuardrailEvent } from '../pipeline/policy-guardrail.stage';
import type { ActiveSessions } from './active-sessions';
import { methodLabel } from './metric-labels';
import type { ProxyMetrics } from './proxy.metrics';

/** Who observes what the worker does: Prometheus metrics and the audit trail. */
export interface ProxyObserverDeps {
  metrics: ProxyMetrics;
  audit: AuditPublisher;
  sessions: ActiveSessions;
  /** Tells sessions about guardrail blocks and held-back tools (MCP log messages); none without it. */
  events?: Pick<GatewayEvents, 'guardrailBlocked' | 'toolHeldBack'>;
}

const WORKER_ID = `${hostname()}:${process.pid}`;

function event(fields: Omit<AuditEvent, 'id' | 'time' | 'workerId'>): AuditEvent {
  return { id: randomUUID(), time: new Date().toISOString(), workerId: WORKER_ID, ...fields };
}

/** Splits an exposed tool name into server prefix and upstream tool (`files__read` → files, read). */
function toolParts(exposed: string | undefined): { server?: string; tool?: string } {
  if (!exposed) return {};
  // A client may put anything in a tool name, a pasted credential included.
  const name = scrubText(exposed, 200);
  const at = name.indexOf('__');
  return at > 0 ? { server: name.slice(0, at), tool: name.slice(at + 2) } : { tool: name };
}

/**
 * The redacted (structural + secret scanner), size-capped params and result (or error) of a request
 * answered under capture level "payload"; nothing otherwise.
 */
function capturedPayload(answered: AnsweredRequest): { payload?: unknown } {
  if (answered.capture !== 'payload') return {};
  const outcome = answered.error === undefined ? { result: answered.result } : { error: answered.error };
  return { payload: capAuditPayload(redactValue({ params: answered.params, ...outcome })) };
}

/**
 * Callbacks the runtime hands to the handler and the guardrail stage. What an answered request
 * records follows its config's capture level: "none" records no request events (session starts,
 * guardrail and auth failures still are), "metadata" method, tool, status and timing, never
 * arguments, results or keys; "payload" adds the redacted, capped params and result.
 */
export function createProxyObservers({ metrics, audit, sessions, events }: ProxyObserverDeps) {
  return {
    answered(answered: AnsweredRequest): void {
      const label = methodLabel(answered.method);
      metrics.requests.inc({ method: label, status: answered.status });
      metrics.requestDuration.observe({ method: label }, answered.seconds);
      sessions.touch(answered.sid);
      const type =
        answered.method === 'initialize' ? 'session.start' : answered.status === 'ok' ? 'response' : 'error';
      if (answered.capture === 'none' && type !== 'session.start') return;
      audit.record(
        event({
          type,
          direction: 'inbound',
          method: scrubText(answered.method, 200),
          sessionId: answered.sid,
          projectId: answered.projectId,
          keyId: answered.keyId,
          ...(answered.userId ? { userId: answered.userId } : {}),
          ...toolParts(answered.tool),
          status: answered.status,
          durationMs: answered.seconds * 1000,
          ...(answered.errorCode === undefined ? {} : { errorCode: answered.errorCode }),
          ...capturedPayload(answered),
        }),
      );
    },
    /**
     * A listing left out a held-back tool the session had not been told about (HeldToolNotices):
     * a `tool.held` audit event, whatever the capture level, and a warning to the session.
     */
    toolHeld(scope: NoticeScope, held: HeldTool): void {
      const { server, exposed, reason, lookalike, hash } = held;
      const message = heldBackNotice(exposed, server.name, reason, lookalike);
      events?.toolHeldBack(
        { sessionId: scope.sessionId },
        { server: server.name, tool: exposed, reason, message },
      );
      audit.record(
        event({
          type: 'tool.held',
          direction: 'outbound',
          method: 'tools/list',
          sessionId: scope.sessionId,
          projectId: scope.projectId,
          server: server.name,
          tool: scrubText(held.toolName, 200),
          status: 'denied',
          payload: { reason, hash, ...(lookalike === null ? {} : { lookalike }) },
        }),
      );
    },
    refused(status: number, method: string | undefined): void {
      metrics.requests.inc({ method: 'http', status: String(status) });
      if (status === 401)
        audit.record(
          event({ type: 'auth.failure', status: 'denied', payload: { httpMethod: method ?? '' } }),
        );
    },
    guardrail({ call, direction, policy, decision }: GuardrailEvent): void {
      const fired = decision.verdicts.filter((verdict) => verdict.fired);
      for (const verdict of fired) {
        const labels = { detector: verdict.detector, action: verdict.action, direction };
        metrics.guardrailActions.inc(labels);
        if (decision.monitorOnly) metrics.guardrailMonitorFindings.inc(labels);
      }
      if (decision.outcome === 'block' && !decision.monitorOnly)
        events?.guardrailBlocked({
          sessionId: call.sessionId,
          tool: exposedName(call.server, call.tool),
          direction,
          policy: policy.name,
          rules: decision.block
            ? [{ rule: decision.block.ruleIndex + 1, detector: decision.block.detector }]
            : [],
        });
      audit.record(
        event({
          type: 'guardrail',
          direction: direction === 'input' ? 'inbound' : 'outbound',
          method: 'tools/call',
          sessionId: call.sessionId,
          projectId: call.projectId,
          keyId: call.keyId,
          server: call.server.name,
          tool: call.tool,
          status: decision.outcome === 'block' ? 'blocked' : 'ok',
          payload: {
            policy: policy.name,
            monitorOnly: decision.monitorOnly,
            rules: fired.map((v) => ({
              rule: v.index,
              detector: v.detector,
              action: v.action,
              kinds: [...new Set(v.findings.map((f) => f.kind))].slice(0, 10),
              paths: v.findings.map((f) => f.path).slice(0, 10),
              error: v.error,
            })),
          },
        }),
      );
    },
  };
}
