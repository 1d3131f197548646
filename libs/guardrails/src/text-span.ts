/** A stretch of text a detector flagged, as UTF-16 offsets into the scanned string. */
export interface TextSpan {
  /** First flagged character. */
  start: number;
  /** One past the last flagged character. */
  end: number;
  /** What was found, e.g. `email`, `aws-access-key`, `pem-private-key`, `ignore-previous-instructions`. */
  kind: string;
  /** 0–1 where the detector can tell; 1 when certain. */
  confidence: number;
}
