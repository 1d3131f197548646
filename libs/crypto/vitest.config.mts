import { projectTestConfig } from '../../vitest.shared.mts';

export default projectTestConfig('crypto', { dir: 'libs/crypto' });
