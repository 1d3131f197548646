/** One generated credential and the way it is naturally written. */
export interface SecretCase {
  /** `<shape>-<n>`. */
  id: string;
  /** The credential's shape (`github-token`, `url-password`, `pem-private-key`…). */
  shape: string;
  /** The credential itself: no 8-character fragment of it may survive redaction. */
  secret: string;
  /** The credential in context as a tool or log would write it (header line, assignment, URL, JSON…). */
  text: string;
}

/** How a case's text is wrapped before scanning. */
export type SecretEncoding = 'raw' | 'json' | 'nested-json' | 'url-encoded' | 'header';

/** A case wrapped in one encoding; `forms` are the spellings of the secret to look for after redaction. */
export interface EncodedSecretSample {
  id: string;
  shape: string;
  encoding: SecretEncoding;
  text: string;
  forms: string[];
}

/** A text with no secret in it: must come out of redaction unchanged. */
export interface SecretNegative {
  id: string;
  category: string;
  text: string;
}
