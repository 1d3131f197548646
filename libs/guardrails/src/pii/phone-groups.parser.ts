/** One digit group of a printed phone number and the separator written before it. */
export interface DigitGroup {
  digits: string;
  /** `''`, `' '`, `'-'`, `'.'` or `'/'`. */
  separator: string;
  /** Written in parentheses: `(415)`, `(0)`. */
  parenthesized: boolean;
  end: number;
}

/** A parsed run: optional leading `+` and up to eight digit groups. */
export interface GroupRun {
  start: number;
  plus: boolean;
  groups: DigitGroup[];
}

const MAX_GROUPS = 8;
const MAX_GROUP_DIGITS = 15;
const SEPARATORS = ' -./';

const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';

function readGroup(text: string, at: number, separator: string): DigitGroup | undefined {
  const parenthesized = text[at] === '(';
  let end = parenthesized ? at + 1 : at;
  const first = end;
  while (isDigit(text[end]) && end - first < MAX_GROUP_DIGITS) end += 1;
  if (end === first || (parenthesized && (text[end] !== ')' || end - first > 5))) return undefined;
  const digits = text.slice(first, end);
  return { digits, separator, parenthesized, end: parenthesized ? end + 1 : end };
}

/** The separator after a group and where the next group starts, when one follows. */
function nextGroupAt(text: string, group: DigitGroup): { at: number; separator: string } | undefined {
  const sep = text[group.end] ?? '';
  const after = text[group.end + 1];
  if (SEPARATORS.includes(sep) && sep !== '' && (isDigit(after) || after === '('))
    return { at: group.end + 1, separator: sep };
  if (group.parenthesized && isDigit(sep)) return { at: group.end, separator: '' };
  return undefined;
}

/** Reads digit groups separated by single spaces, dashes, dots or slashes, with optional `+` and `(…)`. */
export function readGroupRun(text: string, start: number): GroupRun {
  const plus = text[start] === '+';
  const groups: DigitGroup[] = [];
  let next: { at: number; separator: string } | undefined = { at: plus ? start + 1 : start, separator: '' };
  while (next && groups.length < MAX_GROUPS) {
    const group = readGroup(text, next.at, next.separator);
    if (!group) break;
    groups.push(group);
    next = nextGroupAt(text, group);
  }
  return { start, plus, groups };
}
