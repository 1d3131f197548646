import type { DetectorFactory } from '../engine/detector.types';
import { scanPii, type PiiKind } from '../pii';
import { textDetector } from './text.detector';

const PII_KINDS: readonly PiiKind[] = ['email', 'phone', 'payment-card', 'iban', 'us-ssn', 'ipv4', 'ipv6'];

/** `pii`: e-mail, phone, payment card, IBAN, US SSN, IP addresses (`options.kinds` narrows them). */
export const piiDetector: DetectorFactory = {
  id: 'pii',
  prepare(options) {
    const kinds = options['kinds'];
    if (
      kinds !== undefined &&
      (!Array.isArray(kinds) || !kinds.every((k) => PII_KINDS.includes(k as PiiKind)))
    ) {
      throw new Error(`options.kinds must list some of: ${PII_KINDS.join(', ')}.`);
    }
    const selected = kinds as PiiKind[] | undefined;
    return textDetector((text) => scanPii(text, selected));
  },
};
