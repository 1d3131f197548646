import { projectTestConfig } from '../../vitest.shared.mts';

export default projectTestConfig('contracts', { dir: 'libs/contracts' });
