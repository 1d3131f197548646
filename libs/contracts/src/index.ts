export { apiErrorSchema, fieldErrorSchema, type ApiError, type FieldError } from './api-error.schema';
export { SnapshotDraft, applyChange, type ApplyResult } from './apply-change';
export { changeEventSchema, type Change, type ChangeEvent } from './change-event.schema';
export {
  DETECTORS,
  GUARDRAIL_ACTIONS,
  GUARDRAIL_DIRECTIONS,
  guardrailRuleSchema,
  type GuardrailRule,
} from './guardrail-rule.schema';
export {
  SNAPSHOT_ENTITIES,
  SNAPSHOT_ENTITY_NAMES,
  emptySnapshot,
  snapshotSchema,
  type ConfigEntry,
  type GatewayKeyEntry,
  type PolicyEntry,
  type ProjectEntry,
  type ServerEntry,
  type Snapshot,
  type SnapshotEntity,
  type SnapshotEntry,
  type ToolPinEntry,
} from './snapshot.schema';
export { MCP_ERRORS, type McpErrorName } from './mcp-errors';
export {
  TOOL_DISCOVERIES_QUEUE,
  pinnedToolDefinitionSchema,
  toolDiscoverySchema,
  toolFindingSchema,
  type PinnedToolDefinition,
  type ToolDiscovery,
  type ToolFinding,
} from './tool-discovery.schema';
export {
  AUDIT_BATCH_JOB,
  AUDIT_DIRECTIONS,
  AUDIT_EVENT_TYPES,
  AUDIT_PAYLOAD_MAX_BYTES,
  AUDIT_QUEUE,
  AUDIT_STATUSES,
  auditBatchSchema,
  auditEventSchema,
  capAuditPayload,
  type AuditBatch,
  type AuditEvent,
  type AuditEventType,
  type AuditStatus,
} from './audit-event.schema';
