import { createHash } from 'node:crypto';
import { canonicalJson, type JsonValue } from './canonical-json';

/** The fields of an MCP tool definition a pin covers; anything else (`_meta`, `icons`) is ignored. */
export const PINNED_TOOL_FIELDS = [
  'name',
  'title',
  'description',
  'inputSchema',
  'outputSchema',
  'annotations',
] as const;

/** One of {@link PINNED_TOOL_FIELDS}. */
export type PinnedToolField = (typeof PINNED_TOOL_FIELDS)[number];

/** A tool definition reduced to its pinned fields, normalized (see {@link canonicalToolDefinition}). */
export type CanonicalToolDefinition = { name: string } & Partial<Record<PinnedToolField, JsonValue>>;

/** Keys whose string values are prose: whitespace in them carries no meaning. */
const PROSE_KEYS = new Set(['description', 'title']);

/** Collapses every whitespace run to one space and trims the ends. */
export function collapseWhitespace(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/**
 * The part of a tool definition that pins compare, normalized so that cosmetic edits are not
 * changes: only the pinned fields (absent or null ones left out), keys sorted, whitespace runs in
 * every `description` and `title` collapsed and trimmed, and JSON Schema `required` lists sorted
 * (they are sets). Everything else — wording, types, enums, defaults — is kept exactly.
 */
export function canonicalToolDefinition(tool: Readonly<Record<string, unknown>>): CanonicalToolDefinition {
  const out: Record<string, JsonValue> = {};
  for (const field of PINNED_TOOL_FIELDS) {
    const value = tool[field];
    if (value === undefined || value === null) continue;
    out[field] = normalize(value, field);
  }
  const name = tool['name'];
  out['name'] = typeof name === 'string' ? name : typeof name === 'number' ? String(name) : '';
  return JSON.parse(canonicalJson(out)) as CanonicalToolDefinition;
}

/** SHA-256 (hex) of the canonical JSON of the tool's canonical definition. */
export function toolDefinitionHash(tool: Readonly<Record<string, unknown>>): string {
  return createHash('sha256')
    .update(canonicalJson(canonicalToolDefinition(tool)))
    .digest('hex');
}

function normalize(value: unknown, key: string | null): JsonValue {
  if (typeof value === 'string') return PROSE_KEYS.has(key ?? '') ? collapseWhitespace(value) : value;
  if (value === null || typeof value !== 'object') return toScalar(value);
  if (Array.isArray(value)) {
    const items = value.map((item) => normalize(item, null));
    return key === 'required' && items.every((item) => typeof item === 'string')
      ? [...new Set(items)].sort()
      : items;
  }
  const out: Record<string, JsonValue> = {};
  for (const [name, item] of Object.entries(value as Record<string, unknown>)) {
    if (item === undefined || typeof item === 'function' || typeof item === 'symbol') continue;
    out[name] = normalize(item, name);
  }
  return out;
}

function toScalar(value: unknown): JsonValue {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'boolean') return value;
  if (typeof value === 'bigint') return Number(value);
  return null;
}
