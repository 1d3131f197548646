import type { TextSpan } from '../text-span';

/** Which side of a tool call is inspected. */
export type Direction = 'input' | 'output';

/** What a detector sees: the tool call's arguments (input) or result (output). */
export interface InspectedPayload {
  direction: Direction;
  /** The upstream tool's own name. */
  toolName: string;
  payload: unknown;
  /** The tool's declared input schema, when known (for the `schema` detector). */
  inputSchema?: Record<string, unknown>;
}

/** One finding: where (JSONPath, optional span in that string) and what — never the matched value. */
export interface Finding {
  path: string;
  kind: string;
  confidence: number;
  span?: { start: number; end: number };
  /** The whole value at `path` is sensitive (e.g. the value of a `password` key). */
  wholeValue?: boolean;
}

/** A detector with its options already checked and compiled (once, when a policy loads). */
export interface PreparedDetector {
  /** Synchronous inspection. An asynchronous detector (one with `inspectAsync`) may simply throw here. */
  inspect(input: InspectedPayload): Finding[];
  /**
   * Asynchronous inspection (a remote provider, for instance). When present the detector is async:
   * only `CompiledPolicy.evaluateAsync` runs it, with the rule's timeout, and `signal` aborts when the
   * timeout passes or the evaluation no longer needs the answer. Rejects with a clear Error on failure;
   * the error message is recorded, so it must never contain secrets or payload values.
   */
  inspectAsync?(input: InspectedPayload, signal: AbortSignal): Promise<Finding[]>;
}

/** A detector type: validates and compiles a rule's options. Throws a clear Error on bad options. */
export interface DetectorFactory {
  readonly id: string;
  prepare(options: Record<string, unknown>): PreparedDetector;
}

/** Spans of one string leaf turned into findings. */
export function spanFindings(path: string, spans: readonly TextSpan[]): Finding[] {
  return spans.map((span) => ({
    path,
    kind: span.kind,
    confidence: span.confidence,
    span: { start: span.start, end: span.end },
  }));
}
