import js from '@eslint/js';
import nx from '@nx/eslint-plugin';
import prettier from 'eslint-config-prettier';
import n from 'eslint-plugin-n';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      'tmp/**',
      '**/generated/**',
      '**/openapi-client/**',
      '**/*.mjs',
      '**/*.cjs',
      '**/*.mts',
      '.nx/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    plugins: { '@nx': nx, n },
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          allow: [],
          depConstraints: [
            // type:testing is for specs only; a no-restricted-imports rule below keeps it out of other files.
            { sourceTag: 'type:lib', onlyDependOnLibsWithTags: ['type:lib', 'type:testing'] },
            { sourceTag: 'type:testing', onlyDependOnLibsWithTags: ['type:lib'] },
            { sourceTag: 'type:infra', onlyDependOnLibsWithTags: ['scope:shared', 'type:testing'] },
            {
              sourceTag: 'scope:proxy',
              onlyDependOnLibsWithTags: ['scope:proxy', 'scope:shared', 'type:testing'],
              bannedExternalImports: ['@prisma/*', '@nestjs/swagger', 'pg'],
            },
            {
              sourceTag: 'scope:api',
              onlyDependOnLibsWithTags: ['scope:api', 'scope:shared', 'type:testing'],
            },
            {
              sourceTag: 'layer:pure',
              onlyDependOnLibsWithTags: ['layer:pure', 'type:testing'],
              bannedExternalImports: [
                '@nestjs/*',
                'ioredis',
                'bullmq',
                '@prisma/*',
                'winston',
                '@modelcontextprotocol/*',
                'pg',
              ],
            },
          ],
        },
      ],
      'no-console': 'error',
      eqeqeq: ['error', 'always'],
      curly: ['error', 'multi-line'],
      'n/prefer-node-protocol': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/require-await': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@bastion/*/src/*', '@bastion/*/src'],
              message: 'Import a lib through its index: @bastion/<lib>.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.spec.ts', '**/test/**/*.ts', 'libs/testing/**/*.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    files: ['apps/**/*.ts', 'libs/**/*.ts'],
    ignores: ['**/*.spec.ts', '**/test/**', 'libs/testing/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: '@bastion/testing', message: 'Test helpers are for specs only.' }],
          patterns: [
            {
              group: ['@bastion/*/src/*', '@bastion/*/src'],
              message: 'Import a lib through its index: @bastion/<lib>.',
            },
          ],
        },
      ],
    },
  },
  prettier,
);
