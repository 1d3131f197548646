import { projectTestConfig } from '../../vitest.shared.mts';

export default projectTestConfig('proxy', { dir: 'apps/proxy' });
