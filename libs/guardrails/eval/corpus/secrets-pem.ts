import { createPrivateKey, createPublicKey } from 'node:crypto';
import type { SeededRandom } from '../secrets-pii.rng';

/** PKCS#8 DER prefix of an Ed25519 private key; the 32-byte seed follows. */
const ED25519_PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

function wrap(base64: string, width: number): string {
  const lines: string[] = [];
  for (let i = 0; i < base64.length; i += width) lines.push(base64.slice(i, i + width));
  return lines.join('\n');
}

function armor(label: string, body: Buffer, width = 64, headers = ''): string {
  return `-----BEGIN ${label}-----\n${headers}${wrap(body.toString('base64'), width)}\n-----END ${label}-----`;
}

/** A real Ed25519 key pair derived from seeded bytes, as PKCS#8 / SPKI PEM. */
export function ed25519Pem(rng: SeededRandom): { privatePem: string; publicPem: string } {
  const key = createPrivateKey({
    key: Buffer.concat([ED25519_PKCS8_PREFIX, rng.bytes(32)]),
    format: 'der',
    type: 'pkcs8',
  });
  return {
    privatePem: key.export({ type: 'pkcs8', format: 'pem' }).toString().trim(),
    publicPem: createPublicKey(key).export({ type: 'spki', format: 'pem' }).toString().trim(),
  };
}

/** Private-key PEM blocks of every common armor label, with seeded random bodies of realistic size. */
export function privateKeyPems(rng: SeededRandom): string[] {
  const der = (prefix: string, size: number): Buffer =>
    Buffer.concat([Buffer.from(prefix, 'hex'), rng.bytes(size)]);
  const dekHeaders = `Proc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,${rng.bytes(16).toString('hex').toUpperCase()}\n\n`;
  return [
    armor('RSA PRIVATE KEY', der('308204a40201000282010100', 1180)),
    armor('PRIVATE KEY', der('308204bd020100300d06092a864886f70d0101010500', 1200)),
    armor('EC PRIVATE KEY', der('307702010104', 115)),
    armor(
      'OPENSSH PRIVATE KEY',
      Buffer.concat([Buffer.from('openssh-key-v1\0', 'latin1'), rng.bytes(380)]),
      70,
    ),
    armor('ENCRYPTED PRIVATE KEY', der('308205', 1260)),
    armor('DSA PRIVATE KEY', der('308201bb', 440)),
    armor('RSA PRIVATE KEY', der('308204a4', 1180), 64, dekHeaders),
    armor('PGP PRIVATE KEY BLOCK', rng.bytes(900), 64, 'Version: Example 1.0\n\n'),
    ed25519Pem(rng).privatePem,
  ];
}

/** Public material that must survive: SPKI public keys and a certificate-shaped block. */
export function publicPems(rng: SeededRandom): string[] {
  return [
    ed25519Pem(rng).publicPem,
    ed25519Pem(rng).publicPem,
    armor('CERTIFICATE', rng.bytes(700)),
    armor('PUBLIC KEY', rng.bytes(294)),
  ];
}
