import type { TextSpan } from '../text-span';
import { ibanLength, passesIbanChecksum } from './iban-country.table';

const START = /(?<![A-Za-z0-9])[A-Z]{2}[0-9]{2}(?=[ ]?[A-Z0-9])/g;
/** Upper-case letter or digit, by char code (this runs for every character of every candidate). */
function isAlnum(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90);
}

/**
 * Reads exactly `length` IBAN characters from `from`, allowing single spaces between them (print format).
 * Undefined when the run is shorter or continues past the expected length.
 */
function readIban(text: string, from: number, length: number): { end: number; compact: string } | undefined {
  let at = from;
  let read = 0;
  while (read < length) {
    const code = text.charCodeAt(at);
    if (isAlnum(code)) read += 1;
    else if (!(code === 32 && read > 0 && isAlnum(text.charCodeAt(at + 1)))) return undefined;
    at += 1;
  }
  // The string is built once, for a run of the right length only.
  return /[A-Za-z0-9]/.test(text[at] ?? '')
    ? undefined
    : { end: at, compact: text.slice(from, at).replace(/ /g, '') };
}

/** An IBAN-shaped run (country code, check digits, right length); `valid` when its mod-97 check passes. */
export interface IbanShape {
  span: TextSpan;
  valid: boolean;
}

/** Every IBAN-shaped run; mistyped ones (failed checksum) are returned too, so their digits are not misread. */
export function scanIbanShapes(text: string): IbanShape[] {
  const shapes: IbanShape[] = [];
  START.lastIndex = 0;
  for (let m = START.exec(text); m !== null; m = START.exec(text)) {
    const length = ibanLength(m[0].slice(0, 2));
    const read = length === undefined ? undefined : readIban(text, m.index, length);
    if (!read) continue;
    shapes.push({
      span: { start: m.index, end: read.end, kind: 'iban', confidence: 0.99 },
      valid: passesIbanChecksum(read.compact),
    });
    START.lastIndex = read.end;
  }
  return shapes;
}

/** IBANs (electronic or print format) with the right length for their country and a valid mod-97 check. */
export function scanIbans(text: string): TextSpan[] {
  return scanIbanShapes(text)
    .filter((shape) => shape.valid)
    .map((shape) => shape.span);
}
