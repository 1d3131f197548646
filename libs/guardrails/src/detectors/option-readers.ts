/** Reads a non-empty array of non-empty strings from detector options, or throws naming the option. */
export function stringList(options: Record<string, unknown>, name: string, required = true): string[] {
  const value = options[name];
  if (value === undefined && !required) return [];
  if (
    !Array.isArray(value) ||
    value.length === 0 ||
    !value.every((item) => typeof item === 'string' && item !== '')
  ) {
    throw new Error(`options.${name} must be a non-empty array of non-empty strings.`);
  }
  return value as string[];
}

/** Reads an optional positive integer option. */
export function positiveInt(options: Record<string, unknown>, name: string): number | undefined {
  const value = options[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value <= 0) {
    throw new Error(`options.${name} must be a positive integer.`);
  }
  return value;
}

/** Reads an optional number in [0, 1]. */
export function unitInterval(options: Record<string, unknown>, name: string): number | undefined {
  const value = options[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || value < 0 || value > 1)
    throw new Error(`options.${name} must be between 0 and 1.`);
  return value;
}
