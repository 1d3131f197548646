import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import swc from 'unplugin-swc';
import { defineConfig, type UserConfig } from 'vitest/config';

const root = dirname(fileURLToPath(import.meta.url));

/** Maps every `@bastion/*` alias in tsconfig.base.json to its source entry, so tests run on source. */
function workspaceAliases(): Record<string, string> {
  const tsconfig = JSON.parse(readFileSync(resolve(root, 'tsconfig.base.json'), 'utf8')) as {
    compilerOptions: { paths: Record<string, string[]> };
  };
  return Object.fromEntries(
    Object.entries(tsconfig.compilerOptions.paths).map(([alias, [target]]) => [alias, resolve(root, target)]),
  );
}

/**
 * One test configuration for every project: SWC (decorator metadata for Nest DI), workspace aliases,
 * and a JSON report per project under tmp/test-results that `.ci/run` sums up.
 */
export function projectTestConfig(projectName: string, overrides: UserConfig['test'] = {}): UserConfig {
  return defineConfig({
    root,
    plugins: [swc.vite({ module: { type: 'es6' } })],
    resolve: { alias: workspaceAliases() },
    test: {
      include: ['**/*.spec.ts'],
      environment: 'node',
      reporters: ['default', 'json'],
      outputFile: { json: resolve(root, 'tmp/test-results', `${projectName}.json`) },
      // Generous: child processes compile their TypeScript when they start, slow on a busy box.
      testTimeout: 60_000,
      hookTimeout: 180_000,
      ...overrides,
    },
  });
}
