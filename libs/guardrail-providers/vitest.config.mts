import { projectTestConfig } from '../../vitest.shared.mts';

export default projectTestConfig('guardrail-providers', { dir: 'libs/guardrail-providers' });
