/** Texts up to this many code units reuse one kept buffer; longer ones get a buffer of their own. */
const KEPT_UNITS = 1 << 18;

const BIG_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 0;

/**
 * A text's UTF-16 code units as a `Uint16Array`, copied natively (Buffer's `utf16le` write keeps lone
 * surrogates as they are). A hot loop reads them there two to three times faster than through `charCodeAt`.
 *
 * Each view is valid until the next call. One buffer of up to 256 Ki code units is kept between calls; a
 * longer text gets a buffer of its own, so one huge payload does not stay in memory.
 */
export class CodeUnitBuffer {
  private kept = new Uint16Array(0);
  private keptBytes = Buffer.alloc(0);

  view(text: string): Uint16Array {
    const length = text.length;
    if (length > this.kept.length && length <= KEPT_UNITS) {
      this.kept = new Uint16Array(Math.min(KEPT_UNITS, Math.max(length, 2 * this.kept.length)));
      this.keptBytes = Buffer.from(this.kept.buffer);
    }
    const kept = length <= this.kept.length;
    const units = kept ? this.kept.subarray(0, length) : new Uint16Array(length);
    const bytes = kept ? this.keptBytes : Buffer.from(units.buffer);
    bytes.write(text, 0, 'utf16le');
    if (BIG_ENDIAN) bytes.subarray(0, 2 * length).swap16();
    return units;
  }
}
