export { stripHiddenCharacters } from './hidden-characters.normalize';
export { foldHomoglyphs } from './homoglyphs.normalize';
export { prepareInjectionRules, scanInjection } from './injection.scanner';
export type {
  InjectionClassifier,
  InjectionOptions,
  InjectionSignal,
  InjectionVerdict,
} from './injection.types';
export { normalizeForScan } from './scan-text.normalize';
export { combineSignals } from './score.combine';
export { isSuspiciousKey, suspiciousKeys } from './suspicious-keys.detector';
