import type { TextSpan } from '../src/text-span';

/** A leak is any fragment of a secret this long that survives redaction. */
export const LEAK_FRAGMENT_LENGTH = 8;

/** Replaces every span with `[REDACTED]`. */
export function redactSpans(text: string, spans: readonly TextSpan[]): string {
  let out = '';
  let cursor = 0;
  for (const span of spans) {
    out += text.slice(cursor, span.start) + '[REDACTED]';
    cursor = Math.max(cursor, span.end);
  }
  return out + text.slice(cursor);
}

/** The first fragment of any spelling of the secret still present in `output`. */
export function survivingFragment(output: string, forms: readonly string[]): string | undefined {
  const windows = new Set<string>();
  for (let i = 0; i + LEAK_FRAGMENT_LENGTH <= output.length; i += 1)
    windows.add(output.slice(i, i + LEAK_FRAGMENT_LENGTH));
  for (const form of forms) {
    if (form.length < LEAK_FRAGMENT_LENGTH && output.includes(form)) return form;
    for (let i = 0; i + LEAK_FRAGMENT_LENGTH <= form.length; i += 1) {
      const window = form.slice(i, i + LEAK_FRAGMENT_LENGTH);
      if (windows.has(window)) return window;
    }
  }
  return undefined;
}
