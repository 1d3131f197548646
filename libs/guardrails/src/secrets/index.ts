export { scanSecretsAcross, type ChunkSpan } from './secrets-across.scanner';
export { scanSecrets } from './secrets.scanner';
export { SECRET_HEADER_DENYLIST, isSensitiveKeyName } from './sensitive-key.classifier';
