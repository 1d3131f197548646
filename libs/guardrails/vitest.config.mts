import { projectTestConfig } from '../../vitest.shared.mts';

export default projectTestConfig('guardrails', { dir: 'libs/guardrails' });
