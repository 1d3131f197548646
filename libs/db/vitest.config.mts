import { projectTestConfig } from '../../vitest.shared.mts';

export default projectTestConfig('db', { dir: 'libs/db' });
