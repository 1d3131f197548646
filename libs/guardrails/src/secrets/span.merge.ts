import type { TextSpan } from '../text-span';

/**
 * Sorts spans and unions the overlapping ones, so a redactor never leaves a piece of a secret between two
 * partial matches. The merged span keeps the kind and confidence of its most confident part.
 */
export function mergeSpans(spans: readonly TextSpan[]): TextSpan[] {
  const sorted = [...spans].sort((a, b) => a.start - b.start || b.end - a.end);
  const merged: TextSpan[] = [];
  for (const span of sorted) {
    const last = merged[merged.length - 1];
    if (last && span.start < last.end) {
      last.end = Math.max(last.end, span.end);
      if (span.confidence > last.confidence) {
        last.kind = span.kind;
        last.confidence = span.confidence;
      }
    } else if (span.end > span.start) {
      merged.push({ ...span });
    }
  }
  return merged;
}

/** A span with the given bounds, or none when it is empty. */
export function spanOf(start: number, end: number, kind: string, confidence: number): TextSpan[] {
  return end > start ? [{ start, end, kind, confidence }] : [];
}
