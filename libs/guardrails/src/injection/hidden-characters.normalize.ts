/** Classes of invisible characters that {@link stripHiddenCharacters} removes. */
export type HiddenClass = 'tag' | 'bidi' | 'mark' | 'zero-width' | 'soft-hyphen' | 'variation-selector';

/** The class of an invisible code point, or undefined for a visible one. */
export function hiddenClass(cp: number): HiddenClass | undefined {
  if (cp < 0xad) return undefined;
  if (cp === 0xad) return 'soft-hyphen';
  if (cp >= 0xe0000 && cp <= 0xe007f) return 'tag';
  if (cp >= 0xe0100 && cp <= 0xe01ef) return 'variation-selector';
  if ((cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069)) return 'bidi';
  if (cp === 0x200e || cp === 0x200f || cp === 0x061c) return 'mark';
  if (isZeroWidth(cp)) return 'zero-width';
  return undefined;
}

function isZeroWidth(cp: number): boolean {
  return (
    (cp >= 0x200b && cp <= 0x200d) ||
    (cp >= 0x2060 && cp <= 0x2064) ||
    (cp >= 0x206a && cp <= 0x206f) ||
    (cp >= 0x1d173 && cp <= 0x1d17a) ||
    cp === 0xfeff ||
    cp === 0x180e ||
    cp === 0x034f ||
    cp === 0x115f ||
    cp === 0x1160 ||
    cp === 0x3164 ||
    cp === 0xffa0
  );
}

/** Fast pre-check: can the string contain any hidden character at all? */
const MAYBE_HIDDEN =
  /[\u00ad\u061c\u115f\u1160\u180e\u200b-\u200f\u202a-\u202e\u2060-\u206f\u3164\ufeff\uffa0\ud834\udb40]|\u034f/;

/** Cheap pre-check (one character-class scan): false means the text certainly has no hidden character. */
export function mayHoldHiddenCharacters(text: string): boolean {
  return MAYBE_HIDDEN.test(text);
}

/**
 * Removes invisible characters: zero-width (U+200B–U+200D, U+2060–U+2064, U+FEFF, U+180E, U+034F, Hangul
 * fillers, deprecated format characters), bidi embeddings/overrides/isolates and marks (U+202A–U+202E,
 * U+2066–U+2069, U+200E, U+200F, U+061C), Unicode tag characters (U+E0000–U+E007F), supplementary variation
 * selectors (U+E0100–U+E01EF) and the soft hyphen (U+00AD). Emoji ZWJ sequences lose their joiners too.
 */
export function stripHiddenCharacters(text: string): string {
  if (!mayHoldHiddenCharacters(text)) return text;
  let out = '';
  for (let i = 0; i < text.length; ) {
    const cp = text.codePointAt(i) as number;
    const width = cp > 0xffff ? 2 : 1;
    if (hiddenClass(cp) === undefined) out += text.slice(i, i + width);
    i += width;
  }
  return out;
}
