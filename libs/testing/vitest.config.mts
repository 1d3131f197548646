import { projectTestConfig } from '../../vitest.shared.mts';

export default projectTestConfig('testing', { dir: 'libs/testing' });
