import { SECRET_HEADER_DENYLIST, isSensitiveKeyName, scanSecrets } from '@bastion/guardrails';
import { MAX_STRING_CHARS, capText, neutralizeControls } from './log-text';

/** What replaces the value of a sensitive key or header, whatever its type. */
export const REDACTED = '[REDACTED]';

/** Beyond the kept length, this much more is scanned, so a secret straddling the cut is still found. */
const SCAN_MARGIN = 4 * 1024;
const MAX_DEPTH = 8;
const MAX_ARRAY_ITEMS = 100;
const MAX_OBJECT_KEYS = 200;
const MAX_KEY_CHARS = 256;
/** Characters of string content one record may scan; later strings are dropped (bounds CPU per line). */
const RECORD_SCAN_BUDGET = 256 * 1024;
const MAX_STACK_CHARS = 4 * 1024;

const HEADER_DENYLIST: ReadonlySet<string> = new Set(SECRET_HEADER_DENYLIST);

/** How one value is redacted; shared by every node of one record. */
export interface RedactionOptions {
  /** Keep (scrubbed) stack traces of errors: only when the logger runs at debug. */
  stacks?: boolean;
  /** Longest string kept, in characters. */
  maxStringChars?: number;
  /** Key names exempt from masking by name (their values are still content-scanned). */
  trustedKeys?: ReadonlySet<string>;
}

interface Walk {
  stacks: boolean;
  maxStringChars: number;
  trustedKeys: ReadonlySet<string> | undefined;
  budget: number;
  ancestors: Set<object>;
}

/** True for a key or header name whose value never reaches a log. */
export function isSecretFieldName(key: string): boolean {
  return HEADER_DENYLIST.has(key.toLowerCase()) || isSensitiveKeyName(key);
}

/** Short texts scrubbed lately (method and tool names, ids…): they repeat on nearly every record. */
const recentShortTexts = new Map<string, string>();
const SHORT_TEXT = 256;
const MAX_REMEMBERED = 2_048;

/** `text` with every secret span replaced by `[REDACTED:<kind>]`. */
function replaceSecretSpans(text: string): string {
  if (text.length > SHORT_TEXT) return scanAndReplace(text);
  let replaced = recentShortTexts.get(text);
  if (replaced === undefined) {
    replaced = scanAndReplace(text);
    if (recentShortTexts.size >= MAX_REMEMBERED) recentShortTexts.clear();
    recentShortTexts.set(text, replaced);
  }
  return replaced;
}

function scanAndReplace(text: string): string {
  const spans = scanSecrets(text);
  if (spans.length === 0) return text;
  let out = '';
  let cursor = 0;
  for (const span of spans) {
    out += `${text.slice(cursor, span.start)}[REDACTED:${span.kind}]`;
    cursor = span.end;
  }
  return out + text.slice(cursor);
}

/**
 * A string safe to log: secret shapes replaced by `[REDACTED:<kind>]`, control characters neutralized
 * (no forged records, no terminal escapes) and the length capped.
 */
export function scrubText(text: string, maxChars: number = MAX_STRING_CHARS): string {
  const window = text.length > maxChars + SCAN_MARGIN ? text.slice(0, maxChars + SCAN_MARGIN) : text;
  const scrubbed = neutralizeControls(replaceSecretSpans(window));
  if (window.length < text.length) return `${scrubbed.slice(0, maxChars)}…[truncated, ${text.length} chars]`;
  return capText(scrubbed, maxChars);
}

function scrubKey(key: string): string {
  return capText(neutralizeControls(key), MAX_KEY_CHARS);
}

function scrubString(text: string, walk: Walk, maxChars = walk.maxStringChars): string {
  if (walk.budget <= 0) return '[TRUNCATED]';
  walk.budget -= Math.min(text.length, maxChars + SCAN_MARGIN);
  return scrubText(text, maxChars);
}

/** A stack trace on one line: frames joined with ` | `, secrets and controls scrubbed. */
function scrubStack(stack: string, walk: Walk): string {
  return scrubString(stack.replace(/\s*\r?\n\s*/g, ' | '), walk, MAX_STACK_CHARS);
}

function redactError(error: Error, walk: Walk, depth: number): Record<string, unknown> {
  const out: Record<string, unknown> = {
    name: scrubString(String(error.name), walk),
    message: scrubString(String(error.message), walk),
  };
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' || typeof code === 'number') out['code'] = scrubString(String(code), walk);
  if (walk.stacks && typeof error.stack === 'string') out['stack'] = scrubStack(error.stack, walk);
  if (error.cause !== undefined) out['cause'] = walkValue(error.cause, walk, depth + 1);
  return out;
}

function redactEntries(entries: Iterable<[unknown, unknown]>, walk: Walk, depth: number) {
  const out: Record<string, unknown> = {};
  let count = 0;
  for (const [rawKey, child] of entries) {
    if (count === MAX_OBJECT_KEYS) {
      out['…'] = `[more keys dropped]`;
      break;
    }
    count += 1;
    const key = scrubKey(String(rawKey));
    const trusted = depth === 0 && walk.trustedKeys?.has(key);
    out[key] = !trusted && isSecretFieldName(key) ? REDACTED : walkValue(child, walk, depth + 1);
  }
  return out;
}

/** `rawHeaders`-style arrays: name, value, name, value… */
function redactHeaderPairs(pairs: readonly unknown[], walk: Walk, depth: number): unknown[] {
  return pairs.slice(0, MAX_ARRAY_ITEMS * 2).map((item, i) => {
    const name = pairs[i - (i % 2)];
    if (i % 2 === 1 && typeof name === 'string' && isSecretFieldName(name)) return REDACTED;
    return walkValue(item, walk, depth + 1);
  });
}

function walkObject(value: object, walk: Walk, depth: number, key?: string): unknown {
  if (value instanceof Error) return redactError(value, walk, depth);
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? 'Invalid Date' : value.toISOString();
  if (value instanceof URL) return scrubString(value.href, walk);
  if (value instanceof RegExp) return scrubString(String(value), walk);
  if (ArrayBuffer.isView(value) || value instanceof ArrayBuffer) return `[binary, ${value.byteLength} bytes]`;
  if (Array.isArray(value)) {
    if (key !== undefined && /^raw-?headers$/i.test(key)) return redactHeaderPairs(value, walk, depth);
    const items = value.slice(0, MAX_ARRAY_ITEMS).map((item) => walkValue(item, walk, depth + 1));
    if (value.length > MAX_ARRAY_ITEMS) items.push(`[${value.length - MAX_ARRAY_ITEMS} more items]`);
    return items;
  }
  if (value instanceof Map) return redactEntries(value.entries(), walk, depth);
  if (value instanceof Set) return walkObject([...value], walk, depth);
  if (typeof (value as Headers).entries === 'function' && typeof (value as Headers).get === 'function') {
    return redactEntries((value as Headers).entries(), walk, depth); // fetch Headers
  }
  const toJSON = (value as { toJSON?: unknown }).toJSON;
  if (typeof toJSON === 'function') {
    try {
      return walkValue(toJSON.call(value), walk, depth + 1);
    } catch {
      return '[unserializable]';
    }
  }
  return redactObject(value as Record<string, unknown>, walk, depth);
}

function redactObject(value: Record<string, unknown>, walk: Walk, depth: number): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  let count = 0;
  for (const rawKey of Object.keys(value)) {
    if (count === MAX_OBJECT_KEYS) {
      out['…'] = '[more keys dropped]';
      break;
    }
    count += 1;
    const key = scrubKey(rawKey);
    const trusted = depth === 0 && walk.trustedKeys?.has(key);
    if (!trusted && isSecretFieldName(rawKey)) {
      out[key] = REDACTED;
      continue;
    }
    let child: unknown;
    try {
      child = value[rawKey];
    } catch {
      child = '[unreadable]';
    }
    out[key] = walkValue(child, walk, depth + 1, rawKey);
  }
  return out;
}

function walkValue(value: unknown, walk: Walk, depth: number, key?: string): unknown {
  switch (typeof value) {
    case 'string':
      return scrubString(value, walk);
    case 'number':
    case 'boolean':
    case 'undefined':
      return value;
    case 'bigint':
      return value.toString();
    case 'symbol':
      return scrubString(value.toString(), walk);
    case 'function':
      return '[function]';
    case 'object':
      break;
  }
  if (value === null) return null;
  if (depth > MAX_DEPTH) return '[TRUNCATED]';
  if (walk.ancestors.has(value)) return '[Circular]';
  walk.ancestors.add(value);
  try {
    return walkObject(value, walk, depth, key);
  } finally {
    walk.ancestors.delete(value);
  }
}

function newWalk(options: RedactionOptions): Walk {
  return {
    stacks: options.stacks ?? false,
    maxStringChars: options.maxStringChars ?? MAX_STRING_CHARS,
    trustedKeys: options.trustedKeys,
    budget: RECORD_SCAN_BUDGET,
    ancestors: new Set(),
  };
}

/**
 * A loggable copy of a value. Layer 1 (structural): the value of every key or header named like a
 * credential (header denylist, `password`, `apiKey`, `client_secret`… at any depth, Maps and fetch
 * Headers included) becomes `[REDACTED]`. Layer 2 (content): every remaining string is scanned for
 * secret shapes (tokens, keys, PEM blocks, URL passwords, JWTs…) which become `[REDACTED:<kind>]`.
 * Errors become `{name, message, code?, stack? (only with `stacks`), cause?}`. Strings, arrays, objects,
 * depth and the total scanned text are capped; cycles become `[Circular]`.
 */
export function redactValue(value: unknown, options: RedactionOptions = {}): unknown {
  return walkValue(value, newWalk(options), 0);
}

/**
 * A loggable copy of a record's fields (its top-level keys), sharing one scan budget; `trustedKeys`
 * apply at the top level only.
 */
export function redactFields(
  fields: Record<string, unknown>,
  options: RedactionOptions = {},
): Record<string, unknown> {
  return redactObject(fields, newWalk(options), 0);
}
