import type { TextSpan } from '../text-span';
import { digitRunStarts } from './digit-run.finder';
import { scanEmails } from './email.rule';
import { scanIbanShapes } from './iban.rule';
import { scanIpv4, scanIpv6 } from './ip-address.rule';
import { scanPaymentCards } from './payment-card.rule';
import { PII_KINDS, type PiiKind } from './pii.kind';
import { scanPhones } from './phone.rule';
import { scanUsSsns } from './us-ssn.rule';

/** A rule's scan; `digitStarts` is {@link digitRunStarts} of the text, found once for all rules. */
type PiiScan = (text: string, digitStarts: readonly number[]) => TextSpan[];

const SCANNERS: Readonly<Record<Exclude<PiiKind, 'iban'>, PiiScan>> = {
  'payment-card': scanPaymentCards,
  'us-ssn': scanUsSsns,
  email: scanEmails,
  ipv6: scanIpv6,
  ipv4: scanIpv4,
  phone: scanPhones,
};

const rank = (span: TextSpan): number => PII_KINDS.indexOf(span.kind as PiiKind);
/** The longer span wins (an IBAN over the card-like digits inside it), then the kind listed first. */
const better = (a: TextSpan, b: TextSpan): boolean =>
  a.end - a.start > b.end - b.start || (a.end - a.start === b.end - b.start && rank(a) < rank(b));

/** Drops spans that overlap a mistyped IBAN; both lists sorted by start (one sweep). */
function outsideBlockers(spans: readonly TextSpan[], blockers: readonly TextSpan[]): TextSpan[] {
  let b = 0;
  return spans.filter((span) => {
    while (b < blockers.length && (blockers[b]?.end ?? 0) <= span.start) b += 1;
    const blocker = blockers[b];
    return !blocker || blocker.start >= span.end;
  });
}

/** Resolves overlaps in one sweep over spans sorted by start, keeping the better span of each clash. */
function resolve(spans: readonly TextSpan[], blockers: readonly TextSpan[]): TextSpan[] {
  const sorted = [...spans].sort((a, b) => a.start - b.start);
  const kept: TextSpan[] = [];
  for (const span of outsideBlockers(sorted, blockers)) {
    const last = kept[kept.length - 1];
    if (!last || last.end <= span.start) kept.push(span);
    else if (better(span, last)) kept[kept.length - 1] = span;
  }
  return kept;
}

/**
 * Spans of personal data in free text, sorted and non-overlapping: e-mail addresses, phone numbers, payment
 * cards (Luhn and IIN checked), IBANs (country length and mod-97 checked), US SSNs (invalid ranges
 * excluded), IPv4 and IPv6 addresses. `kinds` narrows the search; by default every kind is searched.
 */
export function scanPii(text: string, kinds?: readonly PiiKind[]): TextSpan[] {
  const selected = PII_KINDS.filter((kind) => kinds === undefined || kinds.includes(kind));
  const ibans = scanIbanShapes(text);
  const digitStarts = digitRunStarts(text);
  const found = selected.flatMap((kind) => (kind === 'iban' ? [] : SCANNERS[kind](text, digitStarts)));
  const validIbans = selected.includes('iban') ? ibans.filter((s) => s.valid).map((s) => s.span) : [];
  return resolve(
    [...validIbans, ...found],
    ibans.filter((s) => !s.valid).map((s) => s.span),
  );
}
