import { PHONE_PLAN_LEAD } from './phone.shapes';

/**
 * How a match of each digit-led rule goes on from its first digit, and what may not come before it: a
 * necessary condition only (each rule checks its own pattern again) that most numbers in tables, JSON and
 * logs fail. Widen a lead when its rule's pattern widens.
 */
const LEADS: readonly string[] = [
  // Payment card: 4 + 4 digits with a space or dash (grouped layouts) or 13 digits in a row.
  '(?<![A-Za-z_-])[0-9]{4}(?:[ -][0-9]{4}|[0-9]{9})',
  // US SSN.
  '(?<![A-Za-z_-])[0-9]{3}[ -][0-9]{2}[ -][0-9]{4}',
  // IPv4.
  '(?<![A-Za-z_.-])[0-9]{1,3}\\.[0-9]{1,3}\\.[0-9]{1,3}\\.[0-9]',
  // Phone: international after `+` (8+ digits), or a start one of the numbering plans allows.
  '(?<=\\+)[0-9](?:[ ()./-]{0,3}[0-9]){7}',
  PHONE_PLAN_LEAD.source,
];

/**
 * A digit with no digit before it where some lead follows. The digit comes first so the regex engine can
 * skip ahead to digits (a pattern led by a look-behind is tried at every character, ~10× slower), then the
 * cheap left-side check, and only at the start of a run the leads (a look-ahead from the digit, wrapped in
 * a one-character look-behind).
 */
const RUN_START = new RegExp(`[0-9](?<![0-9].)(?<=(?=${LEADS.join('|')})[0-9])`, 'g');

/**
 * Ascending positions of the digits that can start a card number, SSN, IPv4 address or phone number (the
 * rules also try the `+`/`(` just before): every match of those rules starts there, so they try only these
 * positions instead of every character.
 */
export function digitRunStarts(text: string): number[] {
  const starts: number[] = [];
  RUN_START.lastIndex = 0;
  while (RUN_START.test(text)) starts.push(RUN_START.lastIndex - 1);
  return starts;
}
