import { canonicalJson, type JsonValue } from './canonical-json';
import { canonicalToolDefinition } from './tool-definition.canonical';

/** One difference between two tool definitions. */
export interface DefinitionChange {
  /**
   * Where, as a dotted path from the definition's root: `description`,
   * `inputSchema.properties.notes`, `inputSchema.required[1]`.
   */
  path: string;
  /** `added` (only in after), `removed` (only in before) or `changed`. */
  kind: 'added' | 'removed' | 'changed';
  /** The value before (null when added). */
  before: JsonValue;
  /** The value after (null when removed). */
  after: JsonValue;
}

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/**
 * A readable, field-level diff of two tool definitions, on their canonical forms (so whitespace
 * and key order never show up): objects are compared key by key down to the first level that
 * differs in kind, arrays index by index; a `description` that changed is one entry with the two
 * texts. Sorted by path. Empty when the definitions pin to the same hash.
 */
export function definitionDiff(
  before: Readonly<Record<string, unknown>>,
  after: Readonly<Record<string, unknown>>,
): DefinitionChange[] {
  const out: DefinitionChange[] = [];
  compare(canonicalToolDefinition(before), canonicalToolDefinition(after), '', out);
  return out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

function compare(
  before: JsonValue | undefined,
  after: JsonValue | undefined,
  path: string,
  out: DefinitionChange[],
) {
  if (before === undefined && after === undefined) return;
  if (before === undefined) return void out.push({ path, kind: 'added', before: null, after: after ?? null });
  if (after === undefined) return void out.push({ path, kind: 'removed', before, after: null });
  if (isRecord(before) && isRecord(after)) {
    for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
      compare(before[key], after[key], childPath(path, key), out);
    }
    return;
  }
  if (Array.isArray(before) && Array.isArray(after)) {
    for (let i = 0; i < Math.max(before.length, after.length); i++)
      compare(before[i], after[i], `${path}[${i}]`, out);
    return;
  }
  if (canonicalJson(before) !== canonicalJson(after)) out.push({ path, kind: 'changed', before, after });
}

function isRecord(value: JsonValue): value is { [key: string]: JsonValue } {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function childPath(parent: string, key: string): string {
  const segment = IDENTIFIER.test(key) ? key : `[${JSON.stringify(key)}]`;
  if (parent === '') return segment;
  return segment.startsWith('[') ? `${parent}${segment}` : `${parent}.${segment}`;
}
