export { BUILT_IN_DETECTORS } from './detectors/detector.registry';
export {
  CompiledPolicy,
  PolicyCompileError,
  type PolicyDecision,
  type RuleVerdict,
} from './engine/compiled-policy';
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
  scanInjection,
  type InjectionOptions,
  type InjectionSignal,
  type InjectionVerdict,
} from './injection';
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
