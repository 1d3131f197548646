export { BUILT_IN_DETECTORS } from './detectors/detector.registry';
export {
  CompiledPolicy,
  DEFAULT_ASYNC_RULE_TIMEOUT_MS,
  MAX_ASYNC_RULE_TIMEOUT_MS,
  PolicyCompileError,
  type EvaluateAsyncOptions,
  type PolicyDecision,
  type RuleVerdict,
} from './engine/compiled-policy';
export { stringLeaves, type StringLeaf } from './engine/json-paths';
export type {
  DetectorFactory,
  Direction,
  Finding,
  InspectedPayload,
  PreparedDetector,
} from './engine/detector.types';
export { PlaceholderVault } from './engine/placeholder.vault';
export { redact } from './engine/redaction';
export type { TextSpan } from './text-span';
export {
  normalizeForScan,
  prepareInjectionRules,
  scanInjection,
  type InjectionOptions,
  type InjectionSignal,
  type InjectionVerdict,
} from './injection';
export { SECRET_HEADER_DENYLIST, isSensitiveKeyName, scanSecrets } from './secrets';
export {
  PINNED_TOOL_FIELDS,
  canonicalJson,
  canonicalToolDefinition,
  confusableName,
  definitionDiff,
  definitionProse,
  nameSkeleton,
  toolDefinitionHash,
  type CanonicalToolDefinition,
  type DefinitionChange,
  type JsonValue,
  type PinnedToolField,
} from './pinning';
