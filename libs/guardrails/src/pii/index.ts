export { PII_KINDS, type PiiKind } from './pii.kind';
export { scanPii } from './pii.scanner';
