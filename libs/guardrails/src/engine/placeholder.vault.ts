import { rewriteAt, stringLeaves } from './json-paths';

const PLACEHOLDER = /\[\[([A-Z0-9_]{1,40})_(\d{1,6})\]\]/g;

/**
 * Reversible redaction: each distinct value becomes a stable placeholder (`[[EMAIL_1]]`) on the way
 * to the upstream, and placeholders in the upstream's answer are turned back into the values for the
 * client. One vault per call, or per session; it lives only in the worker's memory.
 */
export class PlaceholderVault {
  private readonly byValue = new Map<string, string>();
  private readonly byPlaceholder = new Map<string, string>();
  private readonly counters = new Map<string, number>();

  /** The placeholder for a value of a kind (the same value always gets the same placeholder). */
  placeholder(kind: string, value: string): string {
    const key = `${kind}\u0000${value}`;
    const known = this.byValue.get(key);
    if (known) return known;
    const label = kind
      .toUpperCase()
      .replace(/[^A-Z0-9]+/g, '_')
      .slice(0, 40);
    const next = (this.counters.get(label) ?? 0) + 1;
    this.counters.set(label, next);
    const placeholder = `[[${label}_${next}]]`;
    this.byValue.set(key, placeholder);
    this.byPlaceholder.set(placeholder, value);
    return placeholder;
  }

  get size(): number {
    return this.byPlaceholder.size;
  }

  /** Replaces every known placeholder in a JSON value's strings with its original value. */
  restore(value: unknown): unknown {
    if (this.byPlaceholder.size === 0) return value;
    const edits = new Map<string, (old: unknown) => unknown>();
    for (const leaf of stringLeaves(value)) {
      if (!leaf.text.includes('[[')) continue;
      const restored = leaf.text.replace(PLACEHOLDER, (match) => this.byPlaceholder.get(match) ?? match);
      if (restored !== leaf.text) edits.set(leaf.path, () => restored);
    }
    return edits.size > 0 ? rewriteAt(value, edits) : value;
  }
}
