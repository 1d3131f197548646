import { projectTestConfig } from '../../vitest.shared.mts';

export default projectTestConfig('bus', { dir: 'libs/bus' });
