import { projectTestConfig } from '../../vitest.shared.mts';

export default projectTestConfig('api', {
  dir: 'apps/api',
  globalSetup: ['libs/testing/src/postgres.global-setup.ts'],
});
