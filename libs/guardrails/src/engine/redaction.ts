import type { Finding } from './detector.types';
import { rewriteAt } from './json-paths';
import type { PlaceholderVault } from './placeholder.vault';

/** How flagged text is replaced. `vault` set: reversible placeholders; otherwise `[REDACTED:<kind>]`. */
export interface RedactionMode {
  vault?: PlaceholderVault;
}

type Span = { start: number; end: number; kind: string };

/** Merges overlapping spans (keeping the first kind) and sorts them. */
function mergeSpans(spans: Span[]): Span[] {
  const sorted = [...spans].sort((a, b) => a.start - b.start || b.end - a.end);
  const merged: Span[] = [];
  for (const span of sorted) {
    const last = merged[merged.length - 1];
    if (last && span.start < last.end) last.end = Math.max(last.end, span.end);
    else merged.push({ ...span });
  }
  return merged;
}

function redactSpans(text: string, spans: Span[], mode: RedactionMode): string {
  let out = '';
  let cursor = 0;
  for (const span of mergeSpans(spans)) {
    const original = text.slice(span.start, span.end);
    out +=
      text.slice(cursor, span.start) +
      (mode.vault ? mode.vault.placeholder(span.kind, original) : `[REDACTED:${span.kind}]`);
    cursor = span.end;
  }
  return out + text.slice(cursor);
}

/** A copy of the payload with every finding replaced; untouched branches are shared. */
export function redact(payload: unknown, findings: readonly Finding[], mode: RedactionMode): unknown {
  const edits = new Map<string, (old: unknown) => unknown>();
  const spansByPath = new Map<string, Span[]>();
  for (const finding of findings) {
    if (finding.wholeValue || !finding.span) {
      edits.set(finding.path, () => `[REDACTED:${finding.kind}]`);
    } else {
      const list = spansByPath.get(finding.path) ?? [];
      list.push({ ...finding.span, kind: finding.kind });
      spansByPath.set(finding.path, list);
    }
  }
  for (const [path, spans] of spansByPath) {
    if (edits.has(path)) continue;
    edits.set(path, (old) => (typeof old === 'string' ? redactSpans(old, spans, mode) : old));
  }
  return edits.size > 0 ? rewriteAt(payload, edits) : payload;
}
