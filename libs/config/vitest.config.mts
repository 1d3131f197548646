import { projectTestConfig } from '../../vitest.shared.mts';

export default projectTestConfig('config', { dir: 'libs/config' });
