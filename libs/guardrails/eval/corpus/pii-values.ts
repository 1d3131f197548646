import { ALPHABETS as A, type SeededRandom } from '../secrets-pii.rng';

const digits = (rng: SeededRandom, n: number): string => rng.string(A.digits, n);
const nxx = (rng: SeededRandom): string => `${2 + rng.int(8)}${digits(rng, 2)}`;

/** A random address at a reserved example domain. */
export function email(rng: SeededRandom, n: number): string {
  const first = rng.string(A.lower, 3 + rng.int(6));
  const last = rng.string(A.lower, 3 + rng.int(8));
  const locals = [
    `${first}.${last}`,
    `${first}+${rng.string(A.lower, 4)}`,
    `${first}_${last}${rng.int(99)}`,
    first,
    `${first.toUpperCase()}.${last}`,
  ];
  const domains = [
    'example.com',
    'mail.example.org',
    'corp.example.co.uk',
    'example.io',
    'xn--bcher-kva.example',
    'eu-west.mail.Example.NET',
  ];
  return `${locals[n % locals.length] ?? first}@${domains[n % domains.length] ?? 'example.com'}`;
}

/** A phone number in one of the international, North American or national print formats. */
export function phone(rng: SeededRandom, n: number): string {
  const formats: Array<() => string> = [
    () => `+1 (${nxx(rng)}) ${nxx(rng)}-${digits(rng, 4)}`,
    () => `+1 ${nxx(rng)} ${nxx(rng)} ${digits(rng, 4)}`,
    () => `+44 20 ${digits(rng, 4)} ${digits(rng, 4)}`,
    () => `+44 7${digits(rng, 3)} ${digits(rng, 6)}`,
    () => `+49 30 ${digits(rng, 6 + rng.int(3))}`,
    () => `+33 ${1 + rng.int(9)} ${digits(rng, 2)} ${digits(rng, 2)} ${digits(rng, 2)} ${digits(rng, 2)}`,
    () => `+81 3-${digits(rng, 4)}-${digits(rng, 4)}`,
    () => `+1${nxx(rng)}${nxx(rng)}${digits(rng, 4)}`,
    () => `(${nxx(rng)}) ${nxx(rng)}-${digits(rng, 4)}`,
    () => `${nxx(rng)}-${nxx(rng)}-${digits(rng, 4)}`,
    () => `${nxx(rng)}.${nxx(rng)}.${digits(rng, 4)}`,
    () => `020 ${digits(rng, 4)} ${digits(rng, 4)}`,
    () => `030 ${1 + rng.int(9)}${digits(rng, 5)}`,
    () => `06 ${digits(rng, 2)} ${digits(rng, 2)} ${digits(rng, 2)} ${digits(rng, 2)}`,
    () => `0044 20 ${digits(rng, 4)} ${digits(rng, 4)}`,
    () => `+61 2 ${digits(rng, 4)} ${digits(rng, 4)}`,
    () => `+1-${nxx(rng)}-${nxx(rng)}-${digits(rng, 4)}`,
    () => `+44 (0)20 ${digits(rng, 4)} ${digits(rng, 4)}`,
    () => `1-800-${nxx(rng)}-${digits(rng, 4)}`,
    () => `+353 1 ${digits(rng, 3)} ${digits(rng, 4)}`,
  ];
  return (formats[n % formats.length] ?? (() => ''))();
}

/** Appends the Luhn check digit to `body`. */
export function withLuhn(body: string): string {
  let sum = 0;
  for (let i = 0; i < body.length; i += 1) {
    let d = body.charCodeAt(body.length - 1 - i) - 48;
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return body + String((10 - (sum % 10)) % 10);
}

const CARD_PREFIXES: ReadonlyArray<[string, number]> = [
  ['4', 16],
  ['4', 13],
  ['51', 16],
  ['55', 16],
  ['2221', 16],
  ['2720', 16],
  ['34', 15],
  ['37', 15],
  ['6011', 16],
  ['65', 16],
  ['3530', 16],
  ['36', 14],
  ['62', 19],
  ['4', 19],
];

/** A Luhn-valid card number of a real IIN range, digits only. */
export function cardDigits(rng: SeededRandom, n: number): string {
  const [prefix, length] = CARD_PREFIXES[n % CARD_PREFIXES.length] ?? ['4', 16];
  return withLuhn(prefix + digits(rng, length - prefix.length - 1));
}

/** Card digits as printed: grouped 4-4-4-4(-3) or 4-6-5/4-6-4, with spaces or dashes, or contiguous. */
export function printCard(cardNumber: string, style: number): string {
  if (style % 3 === 2) return cardNumber;
  const sep = style % 3 === 0 ? ' ' : '-';
  if (cardNumber.length === 15 || cardNumber.length === 14) {
    return [cardNumber.slice(0, 4), cardNumber.slice(4, 10), cardNumber.slice(10)].join(sep);
  }
  return (cardNumber.match(/.{1,4}/g) ?? []).join(sep);
}

/** Country, BBAN generator for a few IBAN countries. */
const BBANS: ReadonlyArray<[string, (rng: SeededRandom) => string]> = [
  ['DE', (r) => digits(r, 18)],
  ['GB', (r) => r.string('ABCDEFGHIJKLMNOPQRSTUVWXYZ', 4) + digits(r, 14)],
  ['FR', (r) => digits(r, 23)],
  ['NL', (r) => r.string('ABCDEFGHIJKLMNOPQRSTUVWXYZ', 4) + digits(r, 10)],
  ['ES', (r) => digits(r, 20)],
  ['IT', (r) => r.string('ABCDEFGHIJKLMNOPQRSTUVWXYZ', 1) + digits(r, 22)],
  ['CH', (r) => digits(r, 17)],
  ['BE', (r) => digits(r, 12)],
  ['PL', (r) => digits(r, 24)],
  ['NO', (r) => digits(r, 11)],
  ['AT', (r) => digits(r, 16)],
  ['SE', (r) => digits(r, 20)],
];

function mod97(numeric: string): number {
  let remainder = 0;
  for (const char of numeric) remainder = (remainder * 10 + Number(char)) % 97;
  return remainder;
}

/** Check digits for a country and BBAN (ISO 13616). */
export function ibanCheckDigits(country: string, bban: string): string {
  const numeric = (bban + country + '00').replace(/[A-Z]/g, (c) => String(c.charCodeAt(0) - 55));
  return String(98 - mod97(numeric)).padStart(2, '0');
}

/** A valid IBAN, compact (electronic format). */
export function ibanCompact(rng: SeededRandom, n: number): string {
  const [country, bban] = BBANS[n % BBANS.length] ?? ['DE', (r: SeededRandom) => digits(r, 18)];
  const body = bban(rng);
  return `${country}${ibanCheckDigits(country, body)}${body}`;
}

/** IBAN in print format (groups of four) on odd `style`, compact otherwise. */
export function printIban(iban: string, style: number): string {
  return style % 2 ? (iban.match(/.{1,4}/g) ?? []).join(' ') : iban;
}

/** A US SSN in a valid range, `AAA-GG-SSSS`. */
export function ssn(rng: SeededRandom): string {
  let area = 1 + rng.int(899);
  if (area === 666) area = 667;
  const group = 1 + rng.int(99);
  const serial = 1 + rng.int(9999);
  return `${String(area).padStart(3, '0')}-${String(group).padStart(2, '0')}-${String(serial).padStart(4, '0')}`;
}

/** A unicast-looking IPv4 address. */
export function ipv4(rng: SeededRandom): string {
  return [1 + rng.int(223), rng.int(256), rng.int(256), 1 + rng.int(254)].join('.');
}

/** IPv6 in full, compressed, link-local, loopback or IPv4-mapped form. */
export function ipv6(rng: SeededRandom, n: number): string {
  const group = (): string => rng.string(A.hex, 1 + rng.int(4));
  const forms = [
    () => Array.from({ length: 8 }, () => rng.string(A.hex, 4)).join(':'),
    () => `2001:db8::${group()}:${group()}`,
    () => `fe80::${group()}:${group()}:${group()}:${group()}`,
    () => `::ffff:${ipv4(rng)}`,
    () => `2001:db8:${group()}::${group()}`,
    () => '::1',
    () => `2001:DB8:${group().toUpperCase()}::${group().toUpperCase()}`,
  ];
  return (forms[n % forms.length] ?? (() => '::1'))();
}
