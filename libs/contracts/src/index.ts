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
