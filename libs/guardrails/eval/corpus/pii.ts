import type { PiiKind } from '../../src/pii';
import { ALPHABETS as A, SeededRandom } from '../secrets-pii.rng';
import { piiNegatives } from './pii-negatives';
import { cardDigits, email, ibanCompact, ipv4, ipv6, phone, printCard, printIban, ssn } from './pii-values';

/** A labelled text: `gold` lists every PII span in it (none for negatives). */
export interface PiiSample {
  id: string;
  text: string;
  gold: Array<{ start: number; end: number; kind: PiiKind }>;
}

/** Sentences a value is embedded in; `{}` marks the value. Some carry distractors (dates, versions). */
const TEMPLATES: readonly string[] = [
  'Please contact {} for details.',
  '{"customer": {"value": "{}", "verified": true}}',
  'On 2024-06-10 at 10:30 the record was updated to {}, see ticket #48213.',
  'value={}; updated by build 2.10.4',
  '<td>{}</td>',
  'Value: {}',
  'tel:{} (mobile)',
  'Card {} exp 12/28, CVV on back. Order 20240610 shipped.',
  'Row 17: {}; row 18: n/a',
];

const GENERATORS: ReadonlyArray<[PiiKind, number, (rng: SeededRandom, n: number) => string]> = [
  ['email', 40, email],
  ['phone', 64, phone],
  ['payment-card', 42, (rng, n) => printCard(cardDigits(rng, n), n)],
  ['iban', 36, (rng, n) => printIban(ibanCompact(rng, n), n)],
  ['us-ssn', 40, (rng) => ssn(rng)],
  ['ipv4', 30, (rng, n) => ipv4(rng) + (n % 3 === 1 ? ':8443' : '')],
  ['ipv6', 30, ipv6],
];

function embed(id: string, kind: PiiKind, value: string, template: string): PiiSample {
  const wrapped = kind === 'ipv6' && template.startsWith('Value') ? `[${value}]:443` : value;
  if (template.startsWith('tel:') && kind !== 'phone') return embed(id, kind, value, TEMPLATES[0] ?? '{}');
  const start = template.indexOf('{}') + (wrapped === value ? 0 : 1);
  const text = template.replace('{}', wrapped);
  const clean = kind === 'ipv4' ? value.replace(/:8443$/, '') : value;
  return { id, text, gold: [{ start, end: start + clean.length, kind }] };
}

/** One text holding several kinds at once, to check that neighbours do not disturb each other. */
function mixed(rng: SeededRandom, n: number): PiiSample {
  const parts: Array<[PiiKind, string]> = [
    ['email', email(rng, n)],
    ['phone', phone(rng, n)],
    ['us-ssn', ssn(rng)],
    ['ipv4', ipv4(rng)],
  ];
  let text = `Ticket ${rng.string(A.digits, 6)}:`;
  const gold: PiiSample['gold'] = [];
  for (const [kind, value] of parts) {
    text += ` ${kind} `;
    gold.push({ start: text.length, end: text.length + value.length, kind });
    text += `${value},`;
  }
  return { id: `p-mixed-${n}`, text, gold };
}

/**
 * Builds the PII corpus for a seed: valid values of every kind in varied formats and contexts (positives
 * with exact gold spans) and near-miss invalid values (bad Luhn, bad IBAN checksum, SSNs in invalid ranges,
 * out-of-range IPs, dates, versions, order ids) with no gold spans.
 */
export function buildPiiCorpus(seed: string): PiiSample[] {
  const rng = new SeededRandom(`pii:${seed}`);
  const positives = GENERATORS.flatMap(([kind, count, generate]) =>
    Array.from({ length: count }, (_, n) =>
      embed(`p-${kind}-${n}`, kind, generate(rng, n), TEMPLATES[n % TEMPLATES.length] ?? '{}'),
    ),
  );
  const combined = Array.from({ length: 10 }, (_, n) => mixed(rng, n));
  return [...positives, ...combined, ...piiNegatives(rng)];
}
