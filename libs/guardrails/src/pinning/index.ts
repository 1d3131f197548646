export { canonicalJson, type JsonValue } from './canonical-json';
export { confusableName, nameSkeleton } from './confusable-name';
export { definitionDiff, type DefinitionChange } from './definition.diff';
export {
  PINNED_TOOL_FIELDS,
  canonicalToolDefinition,
  collapseWhitespace,
  toolDefinitionHash,
  type CanonicalToolDefinition,
  type PinnedToolField,
} from './tool-definition.canonical';
export { definitionProse } from './definition.prose';
