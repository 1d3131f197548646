/** Strings up to this length count one byte per UTF-16 unit; longer ones are measured exactly. */
const EXACT_MEASURE_FROM = 256;

function stringBytes(value: string): number {
  return (value.length < EXACT_MEASURE_FROM ? value.length : Buffer.byteLength(value, 'utf8')) + 2;
}

function containerBytes(value: object, stack: unknown[]): number {
  if (Array.isArray(value)) {
    for (const item of value) stack.push(item);
    return 2 + value.length;
  }
  let bytes = 2;
  for (const key in value) {
    bytes += key.length + 4;
    stack.push((value as Record<string, unknown>)[key]);
  }
  return bytes;
}

/**
 * Estimates the size in bytes of `value` serialized as JSON without serializing it: string
 * lengths (UTF-8 for long strings), keys and punctuation, numbers as 8. Escapes are not counted,
 * so the estimate can be slightly low. Stops as soon as the running total passes `limit` and
 * returns that partial total, so a huge result costs no more than `limit` worth of walking.
 */
export function estimateJsonBytes(value: unknown, limit = Number.POSITIVE_INFINITY): number {
  let total = 0;
  const stack: unknown[] = [value];
  while (stack.length > 0 && total <= limit) {
    const item = stack.pop();
    if (typeof item === 'string') total += stringBytes(item);
    else if (typeof item === 'number') total += 8;
    else if (typeof item === 'boolean') total += 5;
    else if (item === null) total += 4;
    else if (typeof item === 'object') total += containerBytes(item, stack);
  }
  return total;
}
