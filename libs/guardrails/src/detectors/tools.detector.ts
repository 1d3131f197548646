import type { DetectorFactory } from '../engine/detector.types';
import { stringList } from './option-readers';

const glob = (pattern: string) =>
  new RegExp(`^${pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`);

/** `tools`: fires for tools outside `options.allow` or inside `options.deny` (`*` globs; deny wins). */
export const toolsDetector: DetectorFactory = {
  id: 'tools',
  prepare(options) {
    const allow = stringList(options, 'allow', false).map(glob);
    const deny = stringList(options, 'deny', false).map(glob);
    if (allow.length === 0 && deny.length === 0) throw new Error('options needs allow or deny.');
    return {
      inspect: ({ toolName }) => {
        const denied =
          deny.some((p) => p.test(toolName)) || (allow.length > 0 && !allow.some((p) => p.test(toolName)));
        return denied ? [{ path: '$', kind: 'tool-not-allowed', confidence: 1, wholeValue: true }] : [];
      },
    };
  },
};
