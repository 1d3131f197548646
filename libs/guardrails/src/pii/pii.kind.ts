/** The personal data `scanPii` can find. Span kinds use the same names. */
export type PiiKind = 'email' | 'phone' | 'payment-card' | 'iban' | 'us-ssn' | 'ipv4' | 'ipv6';

/** Every {@link PiiKind}; between overlapping findings of equal length, the one listed first wins. */
export const PII_KINDS: readonly PiiKind[] = [
  'payment-card',
  'iban',
  'us-ssn',
  'email',
  'ipv6',
  'ipv4',
  'phone',
];
