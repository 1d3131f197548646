import type { TextSpan } from '../text-span';

/** Options of {@link scanInjection}. */
export interface InjectionOptions {
  /** Score at or above which the text is flagged; 0–1, default 0.5. */
  threshold?: number;
  /**
   * Hosts that links and images may point at with data in the URL (exfiltration allowlist). An entry
   * also allows its subdomains: `github.com` allows `api.github.com`. Scheme, port and a leading `*.` are ignored.
   */
  allowedHosts?: string[];
  /** Decode base64 blobs (≥ 24 characters) and scan the decoded text once; default true. */
  decodeBase64?: boolean;
}

/** One piece of evidence: where (UTF-16 offsets into the scanned string), what, and how much it counts. */
export type InjectionSignal = TextSpan & {
  /** Contribution to the score after context dampening, 0–1 (equal to `confidence`). */
  weight: number;
};

/** Result of {@link scanInjection}. */
export interface InjectionVerdict {
  /** 0–1; noisy-OR of the strongest signal of each kind (see `score.combine.ts`). */
  score: number;
  /** `score >= threshold`. */
  flagged: boolean;
  /** Every signal found, in text order; offsets refer to the original (un-normalized) string. */
  signals: InjectionSignal[];
}

/**
 * Slot for a future machine-learned classifier (e.g. an ONNX model shipped with the project).
 * Not implemented: the rule engine does not call it. A caller may combine its score with the rule score.
 */
export interface InjectionClassifier {
  /** Stable id, used in audit records. */
  readonly id: string;
  /** Probability 0–1 that `text` carries instructions aimed at the model. */
  score(text: string): Promise<number>;
}

/** Rule families; they decide whether explanatory context may dampen a signal. */
export type SignalFamily =
  | 'role-markup'
  | 'override'
  | 'directive'
  | 'secrecy'
  | 'shadowing'
  | 'preference'
  | 'exfiltration'
  | 'comment'
  | 'hidden'
  | 'obfuscation'
  | 'encoded';

/** A signal before offsets are mapped back and context is applied. */
export interface RawSignal {
  start: number;
  end: number;
  kind: string;
  family: SignalFamily;
  weight: number;
}
