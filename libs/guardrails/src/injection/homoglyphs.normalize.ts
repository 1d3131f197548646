/**
 * Cyrillic and Greek letters that render like Latin ones, mapped to the Latin letter. Only look-alikes common in
 * spoofing are listed (lowercase and uppercase); everything else is left alone.
 */
const HOMOGLYPHS: Readonly<Record<string, string>> = {
  // Cyrillic lowercase
  а: 'a',
  в: 'b',
  е: 'e',
  ё: 'e',
  һ: 'h',
  і: 'i',
  ї: 'i',
  ј: 'j',
  к: 'k',
  м: 'm',
  н: 'h',
  о: 'o',
  п: 'n',
  р: 'p',
  с: 'c',
  т: 't',
  у: 'y',
  х: 'x',
  ѕ: 's',
  ԁ: 'd',
  ԛ: 'q',
  ԝ: 'w',
  ӏ: 'l',
  ь: 'b',
  // Cyrillic uppercase
  А: 'A',
  В: 'B',
  Е: 'E',
  Ё: 'E',
  Һ: 'H',
  І: 'I',
  Ї: 'I',
  Ј: 'J',
  К: 'K',
  М: 'M',
  Н: 'H',
  О: 'O',
  Р: 'P',
  С: 'C',
  Т: 'T',
  У: 'Y',
  Х: 'X',
  Ѕ: 'S',
  Ԁ: 'D',
  Ԛ: 'Q',
  Ԝ: 'W',
  Ӏ: 'I',
  // Greek lowercase
  α: 'a',
  β: 'b',
  γ: 'y',
  ε: 'e',
  ι: 'i',
  κ: 'k',
  ν: 'v',
  ο: 'o',
  ρ: 'p',
  τ: 't',
  υ: 'u',
  χ: 'x',
  ω: 'w',
  // Greek uppercase
  Α: 'A',
  Β: 'B',
  Ε: 'E',
  Ζ: 'Z',
  Η: 'H',
  Ι: 'I',
  Κ: 'K',
  Μ: 'M',
  Ν: 'N',
  Ο: 'O',
  Ρ: 'P',
  Τ: 'T',
  Υ: 'Y',
  Χ: 'X',
  // Latin look-alikes outside ASCII that NFKC keeps
  ı: 'i',
  ɑ: 'a',
  ɡ: 'g',
};

/** The Latin look-alike of one character, or the character itself. */
export function foldHomoglyph(char: string): string {
  return HOMOGLYPHS[char] ?? char;
}

/** Replaces common Cyrillic/Greek look-alikes with the Latin letters they imitate. */
export function foldHomoglyphs(text: string): string {
  let out = '';
  for (const char of text) out += foldHomoglyph(char);
  return out;
}
