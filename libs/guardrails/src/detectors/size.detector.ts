import type { DetectorFactory, Finding } from '../engine/detector.types';
import { jsonDepth } from '../engine/json-paths';
import { positiveInt } from './option-readers';

/** `size`: the payload's serialized size (`options.maxBytes`) and nesting depth (`options.maxDepth`). */
export const sizeDetector: DetectorFactory = {
  id: 'size',
  prepare(options) {
    const maxBytes = positiveInt(options, 'maxBytes');
    const maxDepth = positiveInt(options, 'maxDepth');
    if (maxBytes === undefined && maxDepth === undefined)
      throw new Error('options needs maxBytes or maxDepth.');
    return {
      inspect: ({ payload }) => {
        const findings: Finding[] = [];
        if (maxBytes !== undefined && Buffer.byteLength(JSON.stringify(payload) ?? '') > maxBytes) {
          findings.push({ path: '$', kind: 'too-large', confidence: 1, wholeValue: true });
        }
        if (maxDepth !== undefined && jsonDepth(payload) > maxDepth) {
          findings.push({ path: '$', kind: 'too-deep', confidence: 1, wholeValue: true });
        }
        return findings;
      },
    };
  },
};
