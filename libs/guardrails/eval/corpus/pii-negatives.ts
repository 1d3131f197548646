import { ALPHABETS as A, type SeededRandom } from '../secrets-pii.rng';
import type { PiiSample } from './pii';
import { cardDigits, ibanCompact, printCard, printIban } from './pii-values';

/** Look-alikes that are not personal data (or not valid), written for this corpus. */
const FIXED: readonly string[] = [
  'The address 999.1.1.1 is not valid, nor is 256.10.10.10.',
  'Upgrade from 1.2.3 to 1.2.3.4.5 of the legacy module.',
  'Running version 10.0.19041.1 on Windows 6.1.7601.',
  'User agent Chrome/120.0.6099.109 Safari/537.36',
  'Released on 2024-01-15, patched 15.03.2024 and again 03/15/2024.',
  'Meeting at 10:30:45, lasted 00:12:34.',
  'Order #20240115123456 shipped; invoice 1234567890.',
  'Total: 1,234,567.89 EUR, tax 19%.',
  'ISBN 978-3-16-148410-0, pages 123-145.',
  'MAC 00:1a:2b:3c:4d:5e on eth0.',
  'Request 550e8400-e29b-41d4-a716-446655440000 done.',
  'commit 9fceb02d0ae598e95dc970b74767f19372d61af8',
  'Send it to user@localhost or root@server for testing.',
  'Retina assets: logo@2x.png and icon@3x.jpg.',
  'npm i @scope/pkg@1.2.3 and yarn add left-pad@1.3.0',
  'Email me at john at example dot com.',
  'Tracking 1Z999AA10123456784, ZIP 94105-1234.',
  'GPS 37.7749, -122.4194; elevation 16 m.',
  'Semantic version 2.10.4-beta.1 built from tag v3.2.1.',
  'Timestamp 1718035200000 and epoch 1718035200.',
  'The years 1999-2004 and the range 10-20 were excluded.',
  'Call extension 4521 or room 020.',
  'SKU AB-1234-5678, part 12-345-6789-0.',
  'Temperature +23.5 C, delta -4.2.',
  'std::vector<int> and Foo::Bar are C++ names; a :: b is Haskell.',
  'Firmware v1.2.3.4 and build 4.5.6.7 are current.',
  'Account number 0123456789 at branch 0042.',
  'The SSN field is formatted AAA-GG-SSSS.',
  'Call 911 or enter PIN 1234; reference 2024-123456.',
  'Population 8,336,817; flight UA 1234 departs 14:30.',
  'ISBN-10 0-306-40615-2 and ISBN-13 978-0-306-40615-7.',
  'Scheduled 2024/06/10 14:30, moved to 2024.06.11 09:00.',
  'Coordinates +40.7128, -74.0060; color #0044AA.',
  'Invoice 123-456-7890-12 and 234-567-8901-23 are archived.',
  'Famous sample SSN 078-05-1120 and 123-45-6789 are not real.',
  'Price $1,234.56 for 3 items, discount 15.5%.',
  'Mention @alice, write to user@ or a@b, or first.last@company, or name@domain.c.',
  'Timecode 12:34:56:78 and ratio 1:2:3:4:5:6:7:8:9.',
  'Postcode SW1A 1AA, bank sort code 20-00-00.',
  'Build 20240610.3 of package 1.0.0-rc.1+build.5.',
  'Matrix [[1, 2], [3, 4]] and vector (1.5, 2.5, 3.5).',
  'Port range 8000-8999 and 10000-20000 are open.',
  'IPv4 prefix 10.0.0 and mask bits 255.255.255 are partial.',
];

/** Invalid variants: bad Luhn, bad IBAN check digits, SSNs in invalid ranges. */
function invalidValues(rng: SeededRandom): string[] {
  const out: string[] = [];
  for (let n = 0; n < 20; n += 1) {
    const card = cardDigits(rng, n);
    const broken = card.slice(0, -1) + String((Number(card.slice(-1)) + 1 + rng.int(8)) % 10);
    out.push(`Card on file: ${printCard(broken, n)}.`);
  }
  for (let n = 0; n < 16; n += 1) {
    const iban = ibanCompact(rng, n);
    const check = Number(iban.slice(2, 4));
    const broken = `${iban.slice(0, 2)}${String(((check + 1 + rng.int(90)) % 97) + 2).padStart(2, '0')}${iban.slice(4)}`;
    out.push(`Transfer to ${printIban(broken, n)} today.`);
  }
  const ssns = ['000', '666', `9${rng.string(A.digits, 2)}`];
  for (let n = 0; n < 12; n += 1) {
    const area = ssns[n % 3] ?? '000';
    const group = n % 4 === 3 ? '00' : String(10 + rng.int(89));
    out.push(`SSN ${area}-${group}-${String(1000 + rng.int(8999))} rejected.`);
  }
  out.push('SSN 123-45-0000 and 123-00-4567 rejected.');
  return out;
}

/** Plain numbers of card and phone length with no formatting or failing checks. */
function plainNumbers(rng: SeededRandom): string[] {
  return Array.from({ length: 12 }, (_, n) => {
    const value = `${1 + rng.int(9)}${rng.string(A.digits, 8 + (n % 4))}`;
    return `Order id ${value} and reference ${rng.string(A.digits, 6)}.`;
  });
}

/** The negative samples: nothing in them may be reported. */
export function piiNegatives(rng: SeededRandom): PiiSample[] {
  const texts = [...FIXED, ...invalidValues(rng), ...plainNumbers(rng)];
  return texts.map((text, n) => ({ id: `n-${n}`, text, gold: [] }));
}
