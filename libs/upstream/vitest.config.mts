import { projectTestConfig } from '../../vitest.shared.mts';

export default projectTestConfig('upstream', { dir: 'libs/upstream' });
