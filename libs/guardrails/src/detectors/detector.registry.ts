import type { DetectorFactory } from '../engine/detector.types';
import { injectionDetector } from './injection.detector';
import { keywordsDetector } from './keywords.detector';
import { piiDetector } from './pii.detector';
import { regexDetector } from './regex.detector';
import { schemaDetector } from './schema.detector';
import { secretsDetector } from './secrets.detector';
import { sizeDetector } from './size.detector';
import { toolsDetector } from './tools.detector';

/** The built-in detectors, by id (the ids outside scripts use in policy rules). */
export const BUILT_IN_DETECTORS: ReadonlyMap<string, DetectorFactory> = new Map(
  [
    piiDetector,
    secretsDetector,
    injectionDetector,
    keywordsDetector,
    regexDetector,
    schemaDetector,
    sizeDetector,
    toolsDetector,
  ].map((detector) => [detector.id, detector]),
);
