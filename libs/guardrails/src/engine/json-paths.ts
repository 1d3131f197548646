/** A string found somewhere in a JSON value, with its JSONPath. */
export interface StringLeaf {
  path: string;
  text: string;
}

const MAX_DEPTH = 64;

function childPath(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`;
  return /^[A-Za-z_$][\w$]*$/.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`;
}

/** Every string in a JSON value (object keys are not included), depth-first. */
export function stringLeaves(value: unknown, path = '$', depth = 0, out: StringLeaf[] = []): StringLeaf[] {
  if (typeof value === 'string') out.push({ path, text: value });
  else if (depth >= MAX_DEPTH || value === null || typeof value !== 'object') return out;
  else if (Array.isArray(value))
    value.forEach((item, index) => stringLeaves(item, childPath(path, index), depth + 1, out));
  else
    for (const [key, item] of Object.entries(value)) stringLeaves(item, childPath(path, key), depth + 1, out);
  return out;
}

/** Every object key with its path and value, depth-first (for key-name detectors). */
export function objectEntries(
  value: unknown,
  visit: (key: string, path: string, child: unknown) => void,
  path = '$',
  depth = 0,
): void {
  if (depth >= MAX_DEPTH || value === null || typeof value !== 'object') return;
  if (Array.isArray(value)) {
    value.forEach((item, index) => objectEntries(item, visit, childPath(path, index), depth + 1));
    return;
  }
  for (const [key, child] of Object.entries(value)) {
    const here = childPath(path, key);
    visit(key, here, child);
    objectEntries(child, visit, here, depth + 1);
  }
}

/**
 * A copy of `value` where the strings at the given paths are replaced (copy-on-write: untouched
 * branches are shared). `replace` may also return a non-string to replace the whole value.
 */
export function rewriteAt(
  value: unknown,
  replacements: ReadonlyMap<string, (old: unknown) => unknown>,
  path = '$',
): unknown {
  const direct = replacements.get(path);
  if (direct) return direct(value);
  if (value === null || typeof value !== 'object') return value;
  if (![...replacements.keys()].some((target) => target.startsWith(path))) return value;
  if (Array.isArray(value))
    return value.map((item, index) => rewriteAt(item, replacements, childPath(path, index)));
  const out: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value))
    out[key] = rewriteAt(child, replacements, childPath(path, key));
  return out;
}

/** Nesting depth of a JSON value (a scalar is 0). */
export function jsonDepth(value: unknown, depth = 0): number {
  if (value === null || typeof value !== 'object' || depth > MAX_DEPTH) return depth;
  const children = Array.isArray(value) ? value : Object.values(value);
  return children.reduce<number>((max, child) => Math.max(max, jsonDepth(child, depth + 1)), depth + 1);
}
