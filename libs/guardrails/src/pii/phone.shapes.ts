import type { DigitGroup } from './phone-groups.parser';

/** Which numbering plan a printed number fits; the confidence of the match. */
export type PhoneShape = { plan: 'international' | 'nanp' | 'national'; confidence: number };

const digitsOf = (groups: readonly DigitGroup[]): string => groups.map((g) => g.digits).join('');

/** `+CC …` or `00CC …`: E.164 allows 8–15 digits; the country code never starts with 0. */
function international(groups: readonly DigitGroup[], plus: boolean): boolean {
  const trunkless = groups.filter((g, i) => !(i > 0 && g.parenthesized && g.digits === '0'));
  let digits = digitsOf(trunkless);
  if (!plus) {
    if (!digits.startsWith('00') || !(groups[0]?.digits.startsWith('00') ?? false)) return false;
    digits = digits.slice(2);
  }
  if (digits.startsWith('0') || digits.length < 8 || digits.length > 15) return false;
  if (trunkless.length === 1) return true;
  const rest = trunkless.slice(1);
  const singles = rest.filter((g) => g.digits.length === 1).length;
  return (
    (trunkless[0]?.digits.length ?? 0) <= 4 && singles <= 1 && (rest[0]?.digits.length === 1 || singles === 0)
  );
}

/** North American `(NXX) NXX-XXXX`, optionally led by `1`. */
function nanp(groups: readonly DigitGroup[]): boolean {
  const body = groups.length === 4 && groups[0]?.digits === '1' ? groups.slice(1) : groups;
  const [area, exchange, line] = body;
  if (body.length !== 3 || !area || !exchange || !line) return false;
  if (area.digits.length !== 3 || exchange.digits.length !== 3 || line.digits.length !== 4) return false;
  if (body.slice(1).some((g) => g.parenthesized || g.separator === '/')) return false;
  return /^[2-9]/.test(area.digits) && /^[2-9]/.test(exchange.digits);
}

/** Date-like runs (`01-02-2024`, `15.03.2024 10`) that a national format would otherwise accept. */
function dateLike(groups: readonly DigitGroup[]): boolean {
  const [a, b, c] = groups;
  return (
    !!a && !!b && !!c && a.digits.length <= 2 && b.digits.length <= 2 && /^(?:19|20)[0-9]{2}$/.test(c.digits)
  );
}

/** `AAA-GG-SSSS`: the US SSN layout, never a phone number. */
function ssnLike(groups: readonly DigitGroup[]): boolean {
  return (
    groups.length === 3 &&
    groups.map((g) => g.digits.length).join() === '3,2,4' &&
    groups.every((g, i) => i === 0 || g.separator === '-')
  );
}

/** National format with a trunk `0`: `020 7946 0958`, `030 901820`, `06 12 34 56 78`, `(02) 9876 5432`. */
function national(groups: readonly DigitGroup[]): boolean {
  const digits = digitsOf(groups);
  if (groups.length < 2 || !/^0[1-9]/.test(digits) || digits.length < 9 || digits.length > 12) return false;
  if ((groups[0]?.digits.length ?? 0) > 5 || groups.some((g) => g.digits.length < 2)) return false;
  if (dateLike(groups) || ssnLike(groups)) return false;
  const separators = groups.slice(1).map((g) => g.separator);
  const dotted = separators.includes('.');
  if (dotted && !(separators.every((s) => s === '.') && groups.every((g) => g.digits.length === 2)))
    return false;
  return separators.slice(1).every((s) => s !== '/');
}

/** The plan a sequence of digit groups fits as a phone number, or undefined. */
export function phoneShape(groups: readonly DigitGroup[], plus: boolean): PhoneShape | undefined {
  if (plus || groups[0]?.digits.startsWith('00')) {
    return international(groups, plus) ? { plan: 'international', confidence: 0.9 } : undefined;
  }
  if (nanp(groups)) return { plan: 'nanp', confidence: 0.85 };
  return national(groups) ? { plan: 'national', confidence: 0.75 } : undefined;
}

/**
 * How every number the plans above accept goes on from its first digit (after an optional `(`). Anything
 * else can only be international after a `+`. Keep it in step with the plans: the scan skips digit runs
 * that fail it without parsing them.
 */
export const PHONE_PLAN_LEAD = new RegExp(
  [
    // International `00…` or national trunk `0N…`: 9 digits or more.
    '0[0-9](?:[ ()./-]{0,3}[0-9]){7}',
    // NANP: an optional `1`, area code and exchange from 2–9, a 4-digit line.
    '(?:1(?:\\)?[ ./-]\\(?|\\)))?[2-9][0-9]{2}(?![0-9])\\)?[ ./-]?[2-9][0-9]{2}[ ./-][0-9]{4}(?![0-9])',
  ].join('|'),
  'y',
);

/** Whether a number of some plan can start at the digit run at `digit` (or the `+`/`(` before it). */
export function mayLeadPhone(text: string, digit: number): boolean {
  if (text[digit - 1] === '+') return true;
  PHONE_PLAN_LEAD.lastIndex = digit;
  return PHONE_PLAN_LEAD.test(text);
}
