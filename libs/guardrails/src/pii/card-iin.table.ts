/** An issuer identification number range and the card lengths its network issues. */
interface IinRange {
  network: string;
  from: number;
  to: number;
  /** How many leading digits `from`/`to` describe. */
  digits: number;
  lengths: readonly number[];
}

const R16_19 = [16, 17, 18, 19];

const IIN_RANGES: readonly IinRange[] = [
  { network: 'visa', from: 4, to: 4, digits: 1, lengths: [13, 16, 19] },
  { network: 'mastercard', from: 51, to: 55, digits: 2, lengths: [16] },
  { network: 'mastercard', from: 2221, to: 2720, digits: 4, lengths: [16] },
  { network: 'amex', from: 34, to: 34, digits: 2, lengths: [15] },
  { network: 'amex', from: 37, to: 37, digits: 2, lengths: [15] },
  { network: 'discover', from: 6011, to: 6011, digits: 4, lengths: R16_19 },
  { network: 'discover', from: 644, to: 649, digits: 3, lengths: R16_19 },
  { network: 'discover', from: 65, to: 65, digits: 2, lengths: R16_19 },
  { network: 'diners', from: 300, to: 305, digits: 3, lengths: [14, 15, 16, 17, 18, 19] },
  { network: 'diners', from: 36, to: 36, digits: 2, lengths: [14, 15, 16, 17, 18, 19] },
  { network: 'diners', from: 38, to: 39, digits: 2, lengths: [14, 15, 16, 17, 18, 19] },
  { network: 'jcb', from: 3528, to: 3589, digits: 4, lengths: R16_19 },
  { network: 'unionpay', from: 62, to: 62, digits: 2, lengths: R16_19 },
  { network: 'maestro', from: 50, to: 50, digits: 2, lengths: [13, 14, 15, 16, 17, 18, 19] },
  { network: 'maestro', from: 56, to: 58, digits: 2, lengths: [13, 14, 15, 16, 17, 18, 19] },
  { network: 'maestro', from: 6304, to: 6304, digits: 4, lengths: [13, 14, 15, 16, 17, 18, 19] },
  { network: 'maestro', from: 6759, to: 6759, digits: 4, lengths: [13, 14, 15, 16, 17, 18, 19] },
  { network: 'mir', from: 2200, to: 2204, digits: 4, lengths: R16_19 },
  { network: 'rupay', from: 60, to: 60, digits: 2, lengths: [16] },
  { network: 'rupay', from: 81, to: 82, digits: 2, lengths: [16] },
  { network: 'troy', from: 9792, to: 9792, digits: 4, lengths: [16] },
];

/** The card network whose IIN range and length fit these digits, or undefined. */
export function cardNetwork(digits: string): string | undefined {
  const range = IIN_RANGES.find((r) => {
    const prefix = Number(digits.slice(0, r.digits));
    return prefix >= r.from && prefix <= r.to && r.lengths.includes(digits.length);
  });
  return range?.network;
}
