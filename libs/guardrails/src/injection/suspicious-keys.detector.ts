import { scanInjection } from './injection.scanner';
import { normalizeForScan } from './scan-text.normalize';

const MAX_DEPTH = 64;
const MAX_KEYS = 10_000;

/** Key names (normalized, lower-cased, camelCase split with `_`) that smuggle instructions to the model. */
const SUSPICIOUS_KEY_NAMES: readonly RegExp[] = [
  /^_+ai(?:_|$)/,
  /^_+system/,
  /^_+instructions?(?:_|$)/,
  /system_?prompt/,
  /(?:^|_)(?:hidden|secret)_?(?:instructions?|context|prompt|notes?|directives?)(?:_|$)/,
  /^_*(?:ai|llm|assistant|agent|model)_?(?:instructions?|notes?|directives?|override|prompt|system)(?:_|$)/,
  /prompt_?(?:override|injection)/,
  /(?:^|_)(?:instructions?|notes?|message)_(?:for|to)_(?:the_)?(?:ai|llm|assistant|model|agent)(?:_|$)/,
];

function canonicalKey(key: string): string {
  return normalizeForScan(key)
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .replace(/[\s-]+/g, '_');
}

/** True when a key name is instruction-like: a known smuggling name, or a sentence that scans as injection. */
export function isSuspiciousKey(key: string): boolean {
  const canonical = canonicalKey(key);
  if (SUSPICIOUS_KEY_NAMES.some((pattern) => pattern.test(canonical))) return true;
  return key.length >= 16 && /\s/.test(key) && scanInjection(key).flagged;
}

/** Same path syntax as the policy engine: `$`, `.name`, `["odd name"]`, `[index]`. */
function childPath(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`;
  return /^[A-Za-z_$][\w$]*$/.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`;
}

interface Walk {
  seen: WeakSet<object>;
  found: string[];
  keys: number;
}

function walk(value: unknown, path: string, depth: number, state: Walk): void {
  if (value === null || typeof value !== 'object' || depth >= MAX_DEPTH || state.seen.has(value)) return;
  state.seen.add(value);
  if (Array.isArray(value)) {
    value.forEach((item, index) => walk(item, childPath(path, index), depth + 1, state));
    return;
  }
  for (const [key, child] of Object.entries(value)) {
    if (++state.keys > MAX_KEYS) return;
    const here = childPath(path, key);
    if (isSuspiciousKey(key)) state.found.push(here);
    walk(child, here, depth + 1, state);
  }
}

/**
 * JSONPaths (`$.result._ai_note`, `$.items[0]["ignore previous…"]`) of object keys, at any depth, that carry
 * instructions for the model: `_ai_*`, `_system*`, `__instructions`, `system_prompt`, `hidden_instructions`,
 * `assistant_note`, `note_for_ai`, …, or key text that itself scans as an injection. Cycles are skipped; at most
 * 64 levels and 10,000 keys are visited.
 */
export function suspiciousKeys(value: unknown): string[] {
  const state: Walk = { seen: new WeakSet(), found: [], keys: 0 };
  walk(value, '$', 0, state);
  return state.found;
}
