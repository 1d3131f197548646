import type { CanonicalToolDefinition } from './tool-definition.canonical';

const PROSE_KEYS = new Set(['title', 'description']);

/**
 * Every piece of prose a model reads in a tool definition, one per line: the tool's title and
 * description and every `title`/`description` string inside its schemas and annotations (a
 * parameter's description is as good a place to hide instructions as the tool's). This is the text
 * to scan for tool poisoning.
 */
export function definitionProse(
  definition: Readonly<CanonicalToolDefinition> | Readonly<Record<string, unknown>>,
): string {
  const out: string[] = [];
  const visit = (value: unknown, key: string | null): void => {
    if (typeof value === 'string') {
      if (key !== null && PROSE_KEYS.has(key)) out.push(value);
    } else if (Array.isArray(value)) value.forEach((item) => visit(item, null));
    else if (value !== null && typeof value === 'object')
      for (const [name, item] of Object.entries(value as Record<string, unknown>)) visit(item, name);
  };
  visit(definition, null);
  return out.join('\n');
}
